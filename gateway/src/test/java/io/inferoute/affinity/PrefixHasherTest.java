package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrefixHasherTest {
  private static final long LLAMA = PrefixHasher.modelSeed("llama-3.1-8b");
  private static final String PROMPT = "You are a helpful assistant. ".repeat(20);

  @Test
  void sameTextAndModelGiveSameHashes() {
    long[] first = hash(PROMPT, LLAMA, 16, 64);
    long[] second = hash(new String(PROMPT.toCharArray()), PrefixHasher.modelSeed("llama-3.1-8b"), 16, 64);

    assertThat(first).hasSize(PROMPT.length() / 16).containsExactly(second);
  }

  @Test
  void differentModelGivesDifferentHashes() {
    long[] llama = hash(PROMPT, LLAMA, 16, 64);
    long[] qwen = hash(PROMPT, PrefixHasher.modelSeed("qwen2.5-7b"), 16, 64);

    for (int i = 0; i < llama.length; i++) {
      assertThat(qwen[i]).as("block %d", i).isNotEqualTo(llama[i]);
    }
  }

  @Test
  void extendedPromptSharesLeadingBlockHashes() {
    String shorter = PROMPT.substring(0, 160); // 10 blocks of 16
    long[] base = hash(shorter, LLAMA, 16, 64);
    long[] extended = hash(shorter + "Now summarise this document for me please.", LLAMA, 16, 64);

    assertThat(base).hasSize(10);
    assertThat(Arrays.copyOf(extended, 10)).containsExactly(base);
    assertThat(extended.length).isGreaterThan(10);
  }

  @Test
  void divergingBlockChangesEveryLaterHash() {
    String a = "x".repeat(16) + "A".repeat(16) + "y".repeat(16);
    String b = "x".repeat(16) + "B".repeat(16) + "y".repeat(16);
    long[] ha = hash(a, LLAMA, 16, 8);
    long[] hb = hash(b, LLAMA, 16, 8);

    assertThat(ha[0]).isEqualTo(hb[0]);
    assertThat(ha[1]).isNotEqualTo(hb[1]);
    // Block 2 is the same text but follows a different prefix: a chain, not independent blocks.
    assertThat(ha[2]).isNotEqualTo(hb[2]);
  }

  @Test
  void partialLastBlockIsNotHashed() {
    long[] out = new long[8];

    assertThat(PrefixHasher.hashBlocks("a".repeat(47), LLAMA, 16, 8, out)).isEqualTo(2);
    assertThat(PrefixHasher.hashBlocks("a".repeat(15), LLAMA, 16, 8, out)).isZero();
    long[] full = hash("a".repeat(48), LLAMA, 16, 8);
    long[] withTail = hash("a".repeat(48) + "bcd", LLAMA, 16, 8);
    assertThat(withTail).containsExactly(full);
  }

  @Test
  void maxBlocksAndOutputLengthBoundTheBlocks() {
    long[] all = hash(PROMPT, LLAMA, 16, 64);
    long[] big = new long[64];
    long[] small = new long[3];

    assertThat(PrefixHasher.hashBlocks(PROMPT, LLAMA, 16, 5, big)).isEqualTo(5);
    assertThat(big[5]).isZero();
    assertThat(PrefixHasher.hashBlocks(PROMPT, LLAMA, 16, 64, small)).isEqualTo(3);
    assertThat(small).containsExactly(Arrays.copyOf(all, 3));
    assertThat(PrefixHasher.hashBlocks(PROMPT, LLAMA, 16, 0, big)).isZero();
  }

  @Test
  void stringBuilderAndStringHashAlike() {
    StringBuilder builder = new StringBuilder(PROMPT);

    assertThat(hash(builder, LLAMA, 32, 64)).containsExactly(hash(PROMPT, LLAMA, 32, 64));
  }

  @Test
  void rejectsNonPositiveBlockChars() {
    assertThatThrownBy(() -> PrefixHasher.hashBlocks(PROMPT, LLAMA, 0, 4, new long[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blockChars: 0 (expected: > 0)");
  }

  @Test
  void hashingDoesNotCopyThePrompt() {
    StringBuilder prompt = new StringBuilder("y".repeat(64 * 256));
    long[] out = new long[256];
    for (int i = 0; i < 2_000; i++) {
      PrefixHasher.hashBlocks(prompt, LLAMA, 64, 256, out); // warm up, JIT
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    int calls = 2_000;

    long before = threads.getThreadAllocatedBytes(threadId);
    for (int i = 0; i < calls; i++) {
      PrefixHasher.hashBlocks(prompt, LLAMA, 64, 256, out);
    }
    long perCall = (threads.getThreadAllocatedBytes(threadId) - before) / calls;

    // A copy of even one 64-char block would cost over 140 bytes per block, 36 KiB per call.
    assertThat(perCall).isLessThan(64);
  }

  private static long[] hash(CharSequence prompt, long seed, int blockChars, int maxBlocks) {
    long[] out = new long[maxBlocks];
    return Arrays.copyOf(out, PrefixHasher.hashBlocks(prompt, seed, blockChars, maxBlocks, out));
  }
}
