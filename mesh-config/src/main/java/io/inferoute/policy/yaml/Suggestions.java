package io.inferoute.policy.yaml;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean …" for misspelt field names and references. */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate that is plausibly what was meant, or null. */
  static @Nullable String closest(String typo, Collection<String> candidates) {
    if (typo.length() > 100) {
      return null;
    }
    String lower = typo.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String cl = c.toLowerCase(Locale.ROOT);
      // A longer or shorter spelling of a known name (maxEjectionPercent for maxEjection) is
      // likelier meant than an unrelated name at a similar edit distance.
      int d = isAffix(lower, cl) ? 1 : distance(lower, cl);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, typo.length() / 3) ? best : null;
  }

  /** {@code (did you mean "x"?)} or {@code (expected one of: a, b)}. */
  static String hint(String typo, Collection<String> candidates) {
    String near = closest(typo, candidates);
    return near != null
        ? "(did you mean \"" + near + "\"?)"
        : "(expected one of: " + String.join(", ", candidates) + ")";
  }

  /** {@code (expected one of: a, b; did you mean "x"?)}, or without the question when nothing is close. */
  static String hintListingAll(String typo, Collection<String> candidates) {
    String near = closest(typo, candidates);
    return "(expected one of: " + String.join(", ", candidates)
        + (near == null ? "" : "; did you mean \"" + near + "\"?") + ")";
  }

  private static boolean isAffix(String a, String b) {
    return Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a));
  }

  /** Levenshtein distance; names are short, so the quadratic table is fine. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
