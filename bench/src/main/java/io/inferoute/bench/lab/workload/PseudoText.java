package io.inferoute.bench.lab.workload;

import java.util.SplittableRandom;

/**
 * Deterministic filler text made of pronounceable pseudo-words: the simulated servers only count
 * and hash characters, so content need not mean anything, only be reproducible and varied enough
 * that unrelated prompts never share a 64-character block.
 */
final class PseudoText {
  private static final String CONSONANTS = "bcdfghklmnprstvz";
  private static final String VOWELS = "aeiou";

  private PseudoText() {}

  /** Exactly {@code chars} characters of space-separated pseudo-words drawn from {@code random}. */
  static String of(SplittableRandom random, int chars) {
    StringBuilder text = new StringBuilder(chars + 12);
    while (text.length() < chars) {
      if (text.length() > 0) {
        text.append(' ');
      }
      appendWord(random, text);
    }
    text.setLength(chars);
    return text.toString();
  }

  private static void appendWord(SplittableRandom random, StringBuilder text) {
    int syllables = random.nextInt(1, 4);
    for (int s = 0; s < syllables; s++) {
      text.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
      text.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
    }
    if (random.nextInt(3) == 0) {
      text.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
    }
  }
}
