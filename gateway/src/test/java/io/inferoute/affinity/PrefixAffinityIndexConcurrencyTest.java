package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrefixAffinityIndexConcurrencyTest {
  private static final int CAPACITY = 60;
  private static final int MAX_ENTRIES = 1_500;
  private static final int THREADS = 6;
  private static final int ROUNDS = 20_000;
  private static final int CHAIN = 24;
  private static final int SHARED = 8;

  /**
   * A stress load: {@code endpoints} record chains whose first {@value #SHARED} blocks are one of
   * {@code prefixes} system prompts and whose tail is random (tailPool 0) or drawn from tailPool
   * hashes.
   */
  private record Load(int endpoints, int prefixes, int tailPool) {}

  @Test
  void concurrentRecordsAndMatchesKeepEveryBound() throws Exception {
    Load load = new Load(40, 50, 0);
    StripedPrefixAffinityIndex index = stress(load);

    assertBounds(index, load);
  }

  @Test
  void concurrentRecordsAtTheHolderCapKeepBothSidesConsistent() throws Exception {
    // 48 block hashes and 200 endpoints: nearly every new record evicts a block's oldest holder.
    Load load = new Load(200, 4, 16);
    StripedPrefixAffinityIndex index = stress(load);

    assertBounds(index, load);
    assertThat(index.stats().evictions()).as("the cap was hit").isGreaterThan(ROUNDS);
    int[] holders = new int[load.endpoints()];
    for (long hash : universe(load)) {
      int count = index.holders(hash, holders);
      assertThat(count).isLessThanOrEqualTo(StripedPrefixAffinityIndex.MAX_HOLDERS_PER_BLOCK);
      boolean[] listed = new boolean[load.endpoints()];
      for (int k = 0; k < count; k++) {
        listed[holders[k]] = true;
      }
      for (int e = 0; e < load.endpoints(); e++) {
        assertThat(index.lists(e, hash)).as("endpoint %d, block %d", e, hash).isEqualTo(listed[e]);
      }
    }
  }

  private static StripedPrefixAffinityIndex stress(Load load) throws Exception {
    StripedPrefixAffinityIndex index = new StripedPrefixAffinityIndex(MAX_ENTRIES);
    for (int e = 0; e < load.endpoints(); e++) {
      index.setCapacity(e, CAPACITY);
    }
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        workers.add(pool.submit(() -> work(index, load, start, seed)));
      }
      long matched = 0;
      for (Future<Long> worker : workers) {
        matched += worker.get(2, TimeUnit.MINUTES); // rethrows any worker's exception
      }
      assertThat(matched).as("lookups found recorded prefixes").isPositive();
    } finally {
      pool.shutdownNow();
    }
    return index;
  }

  private static void assertBounds(StripedPrefixAffinityIndex index, Load load) {
    assertThat(index.size()).isLessThanOrEqualTo(MAX_ENTRIES);
    assertThat(index.stripeEntries()).as("both sides agree").isEqualTo(index.size());
    long held = 0;
    for (int e = 0; e < load.endpoints(); e++) {
      assertThat(index.heldBy(e)).as("endpoint %d", e).isLessThanOrEqualTo(CAPACITY);
      held += index.heldBy(e);
    }
    assertThat(held).isEqualTo(index.size());
    assertThat(index.stats().lookups()).isEqualTo((long) THREADS * ROUNDS);
  }

  // Mixed load: records of shared-prefix chains, matches over all endpoints, occasional removals.
  private static long work(
      StripedPrefixAffinityIndex index, Load load, CyclicBarrier start, int seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    long[] chain = new long[CHAIN];
    int[] candidates = new int[load.endpoints()];
    for (int e = 0; e < load.endpoints(); e++) {
      candidates[e] = e;
    }
    int[] out = new int[load.endpoints()];
    long matched = 0;
    start.await();
    for (int round = 0; round < ROUNDS; round++) {
      int prefix = random.nextInt(load.prefixes()); // system prompts shared by everyone
      int blocks = 1 + random.nextInt(chain.length);
      for (int i = 0; i < blocks; i++) {
        chain[i] = i < SHARED ? prefixBlock(prefix, i) : tailBlock(random, load);
      }
      index.matchLengths(chain, blocks, candidates, load.endpoints(), out);
      for (int e = 0; e < load.endpoints(); e++) {
        assertThat(out[e]).isBetween(0, blocks);
        matched += out[e];
      }
      int endpoint = random.nextInt(load.endpoints());
      if (random.nextInt(1_000) == 0) {
        index.removeEndpoint(endpoint);
        index.setCapacity(endpoint, CAPACITY);
      } else {
        index.record(chain, blocks, endpoint);
      }
    }
    return matched;
  }

  private static long prefixBlock(int prefix, int block) {
    return prefix * 1_000L + block;
  }

  private static long tailBlock(SplittableRandom random, Load load) {
    return load.tailPool() == 0 ? random.nextLong() : 1_000_000L + random.nextInt(load.tailPool());
  }

  // Every block hash a load with a tail pool can record.
  private static long[] universe(Load load) {
    long[] all = new long[load.prefixes() * SHARED + load.tailPool()];
    int n = 0;
    for (int p = 0; p < load.prefixes(); p++) {
      for (int i = 0; i < SHARED; i++) {
        all[n++] = prefixBlock(p, i);
      }
    }
    for (int t = 0; t < load.tailPool(); t++) {
      all[n++] = 1_000_000L + t;
    }
    return all;
  }
}
