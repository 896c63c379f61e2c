package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StripedPrefixAffinityIndexTest {
  private final StripedPrefixAffinityIndex index = new StripedPrefixAffinityIndex(10_000);

  @Test
  void matchCountsConsecutiveLeadingBlocksOnly() {
    index.record(new long[] {1, 2, 3, 4}, 4, 0);
    index.record(new long[] {1, 2}, 2, 1);
    index.record(new long[] {1, 3, 4}, 3, 2); // holds 1, 3, 4 but not 2: a gap

    assertThat(match(new long[] {1, 2, 3, 4, 5}, 0, 1, 2, 3)).containsExactly(4, 2, 1, 0);
  }

  @Test
  void aSharedPrefixAndOneLongerRunTakeFewLookups() {
    long[] prompt = sequence(1_000, 62); // a 4 KB prompt in 64-character blocks
    for (int e = 0; e < 15; e++) {
      index.record(prompt, 31, e); // the shared system prompt: the first half
    }
    index.record(prompt, 62, 40); // the endpoint that served this very prompt
    int[] candidates = new int[100];
    for (int id = 0; id < candidates.length; id++) {
      candidates[id] = id;
    }
    int[] out = new int[candidates.length];

    index.matchLengths(prompt, prompt.length, candidates, candidates.length, out);

    int[] expected = new int[candidates.length];
    Arrays.fill(expected, 0, 15, 31); // 15 + endpoint 40: the holder cap does not bite
    expected[40] = 62;
    assertThat(out).isEqualTo(expected);
    // Block by block this was 62 lookups; the galloping search needs one per doubling and halving:
    // 0, 1, 3, 7, 15, 31 (a miss), 23, 27, 29, 30, 31, then 32, 34, 38, 46, 61.
    assertThat(MatchScratch.forCurrentThread().lookups).isEqualTo(16);
  }

  @Test
  void runsAreExactForPrefixClosedHoldersAndBoundedAcrossGaps() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2_000; trial++) {
      StripedPrefixAffinityIndex fresh = new StripedPrefixAffinityIndex(100_000);
      int blocks = 1 + random.nextInt(80);
      long[] prompt = sequence(1 + 1_000L * trial, blocks);
      boolean gaps = trial % 2 == 1;
      boolean[][] held = new boolean[12][blocks]; // 12 holders at most: the cap never bites
      for (int e = 0; e < held.length; e++) {
        int run = random.nextInt(blocks + 1);
        long[] mine = new long[blocks];
        int count = 0;
        for (int j = 0; j < blocks; j++) {
          held[e][j] = j < run || gaps && random.nextInt(3) == 0;
          if (held[e][j]) {
            mine[count++] = prompt[j];
          }
        }
        fresh.record(mine, count, e);
      }
      int[] candidates = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
      int[] out = new int[candidates.length];

      fresh.matchLengths(prompt, blocks, candidates, candidates.length, out);

      assertThat(out[12]).isZero(); // holds nothing
      for (int e = 0; e < held.length; e++) {
        int exact = 0;
        while (exact < blocks && held[e][exact]) {
          exact++;
        }
        if (!gaps) {
          assertThat(out[e]).as("trial %d, endpoint %d", trial, e).isEqualTo(exact);
        } else {
          // An estimate across a gap: never below the consecutive run, and a run always ends on
          // a block the endpoint holds.
          assertThat(out[e]).as("trial %d, endpoint %d", trial, e).isBetween(exact, blocks);
          if (out[e] > 0) {
            assertThat(held[e][out[e] - 1]).as("trial %d, endpoint %d", trial, e).isTrue();
          }
        }
      }
    }
  }

  @Test
  void matchStopsAtTheBlocksAskedFor() {
    index.record(new long[] {1, 2, 3, 4}, 4, 0);

    int[] out = new int[1];
    index.matchLengths(new long[] {1, 2, 3, 4}, 2, new int[] {0}, 1, out);
    assertThat(out).containsExactly(2);
  }

  @Test
  void noCandidatesOrNoBlocksMatchNothing() {
    index.record(new long[] {1, 2}, 2, 0);
    int[] out = {-7};

    index.matchLengths(new long[] {1, 2}, 2, new int[] {0}, 0, out);
    assertThat(out).containsExactly(-7);
    index.matchLengths(new long[] {1, 2}, 0, new int[] {0}, 1, out);
    assertThat(out).containsExactly(0);
  }

  @Test
  void capacityEvictsTheEndpointsOwnOldestBlocksOnly() {
    index.setCapacity(0, 4);
    index.record(new long[] {10, 11}, 2, 0);
    index.record(new long[] {20, 21}, 2, 0);
    index.record(new long[] {10, 11}, 2, 1); // another endpoint holds the same blocks
    index.record(new long[] {10}, 1, 0); // touch: 10 is now endpoint 0's most recent

    index.record(new long[] {30, 31}, 2, 0); // needs 2 slots: 11 and 21 are the oldest

    assertThat(index.heldBy(0)).isEqualTo(4);
    assertThat(match(new long[] {10}, 0, 1)).containsExactly(1, 1);
    assertThat(match(new long[] {10, 11}, 0, 1)).containsExactly(1, 2);
    assertThat(match(new long[] {20, 21}, 0)).containsExactly(1);
    assertThat(match(new long[] {30, 31}, 0)).containsExactly(2);
  }

  @Test
  void chainLongerThanCapacityKeepsItsPrefix() {
    index.setCapacity(0, 3);

    index.record(new long[] {1, 2, 3, 4, 5, 6}, 6, 0);

    assertThat(index.heldBy(0)).isEqualTo(3);
    assertThat(match(new long[] {1, 2, 3, 4, 5, 6}, 0)).containsExactly(3);
  }

  @Test
  void shrinkingCapacityEvictsTheTail() {
    index.record(new long[] {1, 2, 3, 4}, 4, 0);

    index.setCapacity(0, 2);

    assertThat(index.heldBy(0)).isEqualTo(2);
    assertThat(index.size()).isEqualTo(2);
    assertThat(match(new long[] {1, 2, 3, 4}, 0)).containsExactly(2);
  }

  @Test
  void zeroCapacityHoldsNothing() {
    index.setCapacity(0, 0);

    index.record(new long[] {1, 2}, 2, 0);

    assertThat(index.size()).isZero();
    assertThat(match(new long[] {1, 2}, 0)).containsExactly(0);
  }

  @Test
  void maxEntriesBoundHoldsUnderHeavyInserts() {
    StripedPrefixAffinityIndex small = new StripedPrefixAffinityIndex(1_000);
    long[] chain = new long[32];
    for (int round = 0; round < 2_000; round++) {
      for (int i = 0; i < chain.length; i++) {
        chain[i] = round * 1_000_003L + i;
      }
      small.record(chain, chain.length, round % 50);
      assertThat(small.size()).isLessThanOrEqualTo(1_000);
    }

    assertThat(small.size()).isBetween(900L, 1_000L);
    assertThat(small.stripeEntries()).isEqualTo(small.size());
    assertThat(small.stats().evictions()).isGreaterThan(60_000 - 1_000 - 1);
    // 50 endpoints share 1,000 entries: the newest chain keeps at least a fair share of its prefix.
    int[] out = new int[1];
    small.matchLengths(chain, chain.length, new int[] {1_999 % 50}, 1, out);
    assertThat(out[0]).isGreaterThanOrEqualTo(1_000 / 50);
  }

  @Test
  void fullIndexTakesBlocksFromTheLargestHolder() {
    StripedPrefixAffinityIndex small = new StripedPrefixAffinityIndex(100);
    small.record(sequence(1_000, 90), 90, 0);
    small.record(sequence(2_000, 10), 10, 1);

    small.record(sequence(3_000, 10), 10, 2);

    assertThat(small.size()).isEqualTo(100);
    assertThat(small.heldBy(1)).isEqualTo(10);
    assertThat(small.heldBy(2)).isEqualTo(10);
    assertThat(small.heldBy(0)).isEqualTo(80);
  }

  @Test
  void removeEndpointForgetsItsBlocksAndCapacity() {
    index.setCapacity(0, 2);
    index.record(new long[] {1, 2}, 2, 0);
    index.record(new long[] {1, 2}, 2, 1);

    index.removeEndpoint(0);

    assertThat(match(new long[] {1, 2}, 0, 1)).containsExactly(0, 2);
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.stripeEntries()).isEqualTo(2);
    index.record(new long[] {1, 2, 3}, 3, 0);
    assertThat(index.heldBy(0)).as("capacity reset with the endpoint").isEqualTo(3);
    index.removeEndpoint(0);
    index.removeEndpoint(42); // never seen: nothing to do
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void statsCountLookupsHitsAndLongestMatch() {
    index.record(new long[] {1, 2, 3}, 3, 0);
    AffinityStats before = index.stats();

    match(new long[] {1, 2, 9}, 0, 1);
    match(new long[] {8}, 0);

    assertThat(index.stats().minus(before)).isEqualTo(new AffinityStats(2, 1, 2, 0));
    assertThat(index.stats().minus(before).hitRate()).isEqualTo(0.5);
  }

  @Test
  void rejectsCountsBeyondTheArrays() {
    assertThatThrownBy(() -> index.matchLengths(new long[2], 3, new int[1], 1, new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blocks: 3 (expected: 0..2)");
    assertThatThrownBy(() -> index.record(new long[2], 1, -1))
        .hasMessage("endpointId: -1 (expected: >= 0)");
    assertThatThrownBy(() -> PrefixAffinityIndex.create(0))
        .hasMessage("maxEntries: 0 (expected: > 0)");
  }

  @Test
  void matchLengthsDoesNotAllocate() {
    int endpoints = 2_000;
    for (int e = 0; e < endpoints; e++) {
      index.record(sequence(0, 1 + e % 4), 1 + e % 4, e); // every endpoint shares block 0
    }
    long[] prompt = sequence(0, 256);
    int[] candidates = new int[endpoints];
    for (int e = 0; e < endpoints; e++) {
      candidates[e] = e;
    }
    int[] out = new int[endpoints];
    for (int i = 0; i < 5_000; i++) {
      index.matchLengths(prompt, 256, candidates, endpoints, out); // warm up, JIT
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    int calls = 5_000;

    long before = threads.getThreadAllocatedBytes(threadId);
    for (int i = 0; i < calls; i++) {
      index.matchLengths(prompt, 256, candidates, endpoints, out);
    }
    long perCall = (threads.getThreadAllocatedBytes(threadId) - before) / calls;

    assertThat(perCall).isLessThan(64);
    // Block 0 remembers only its 16 most recent holders, so the last endpoint matches, endpoint 3
    // (an early recorder) no longer does.
    assertThat(out[endpoints - 1]).isEqualTo(4);
    assertThat(out[3]).isZero();
  }

  @Test
  void blockRecordedByHundredEndpointsKeepsTheSixteenMostRecentHolders() {
    long[] chain = {1, 2, 3};
    for (int e = 0; e < 100; e++) {
      index.record(chain, 3, e);
    }

    int[] out = new int[100];
    for (long block : chain) {
      assertThat(Arrays.copyOf(out, index.holders(block, out)))
          .containsExactly(99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84);
    }
    for (int e = 0; e < 100; e++) {
      boolean kept = e >= 84;
      assertThat(index.heldBy(e)).as("endpoint %d", e).isEqualTo(kept ? 3 : 0);
      for (long block : chain) {
        assertThat(index.lists(e, block)).as("endpoint %d, block %d", e, block).isEqualTo(kept);
      }
    }
    assertThat(index.size()).isEqualTo(16 * 3);
    assertThat(index.stripeEntries()).isEqualTo(16 * 3);
    assertThat(index.stats().evictions()).isEqualTo(84 * 3);
  }

  @Test
  void reRecordingMakesAHolderMostRecentAgain() {
    for (int e = 0; e < 16; e++) {
      index.record(new long[] {5}, 1, e);
    }
    index.record(new long[] {5}, 1, 0); // 0 is the newest again: 1 is now the oldest

    index.record(new long[] {5}, 1, 16);

    int[] out = new int[32];
    assertThat(Arrays.copyOf(out, index.holders(5, out)))
        .containsExactly(16, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2);
    assertThat(index.lists(1, 5)).isFalse();
    assertThat(index.lists(0, 5)).isTrue();
    assertThat(index.size()).isEqualTo(16);
  }

  @Test
  void reRecordingAHeldPrefixKeepsTheLruOrderOfRecordingEachBlock() {
    index.setCapacity(0, 5);
    index.record(new long[] {1, 2, 3}, 3, 0);
    index.record(new long[] {1, 2, 4, 5}, 4, 0); // 1, 2 lead the LRU already: kept in front

    index.setCapacity(0, 4); // evicts the least recently used: 3

    assertThat(index.lists(0, 3)).isFalse();
    assertThat(index.lists(0, 1) && index.lists(0, 2) && index.lists(0, 4) && index.lists(0, 5))
        .isTrue();
    index.setCapacity(0, 2); // then 5 and 4, never the prefix
    assertThat(match(new long[] {1, 2, 4}, 0)).containsExactly(2);
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void holdersCopiesAtMostTheCap() {
    for (int e = 0; e < 1_000; e++) {
      index.record(new long[] {9}, 1, e);
    }

    assertThat(index.holders(9, new int[1_000]))
        .isEqualTo(StripedPrefixAffinityIndex.MAX_HOLDERS_PER_BLOCK);
  }

  @Test
  void matchOverTenThousandCandidatesAgreesWithAModelOfTheCap() {
    long[] prompt = sequence(500, 12);
    int[] recorders = new int[100];
    for (int k = 0; k < recorders.length; k++) {
      recorders[k] = (k * 7_919) % 10_000; // spread over the id space
    }
    List<Deque<Integer>> model = new ArrayList<>();
    for (int j = 0; j < prompt.length; j++) {
      model.add(new ArrayDeque<>());
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int r = 0; r < 300; r++) { // 300 records by 100 endpoints: many re-record
      int id = recorders[random.nextInt(recorders.length)];
      int blocks = 1 + random.nextInt(prompt.length);
      index.record(prompt, blocks, id);
      recordInModel(model, blocks, id);
    }
    int[] candidates = new int[10_000];
    for (int id = 0; id < candidates.length; id++) {
      candidates[id] = id;
    }
    int[] out = new int[candidates.length];

    index.matchLengths(prompt, prompt.length, candidates, candidates.length, out);

    int[] expected = new int[candidates.length];
    for (int id = 0; id < candidates.length; id++) {
      while (expected[id] < prompt.length && model.get(expected[id]).contains(id)) {
        expected[id]++;
      }
    }
    assertThat(out).isEqualTo(expected);
    assertThat(Arrays.stream(expected).filter(run -> run > 0).count()).isEqualTo(16);
    assertThat(index.size()).isEqualTo(model.stream().mapToLong(Deque::size).sum());
  }

  // The cap as a plain model: per block, holders most recent first, at most 16; blocks recorded
  // from the last to the first, as the index does.
  private static void recordInModel(List<Deque<Integer>> model, int blocks, int id) {
    for (int j = blocks - 1; j >= 0; j--) {
      Deque<Integer> holders = model.get(j);
      holders.remove(id);
      holders.addFirst(id);
      if (holders.size() > StripedPrefixAffinityIndex.MAX_HOLDERS_PER_BLOCK) {
        holders.removeLast();
      }
    }
  }

  private int[] match(long[] blocks, int... candidates) {
    int[] out = new int[candidates.length];
    index.matchLengths(blocks, blocks.length, candidates, candidates.length, out);
    return out;
  }

  private static long[] sequence(long first, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = first + i;
    }
    return out;
  }
}
