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
  private static final int ENDPOINTS = 40;
  private static final int CAPACITY = 60;
  private static final int MAX_ENTRIES = 1_500;
  private static final int THREADS = 6;
  private static final int ROUNDS = 20_000;

  @Test
  void concurrentRecordsAndMatchesKeepEveryBound() throws Exception {
    StripedPrefixAffinityIndex index = new StripedPrefixAffinityIndex(MAX_ENTRIES);
    for (int e = 0; e < ENDPOINTS; e++) {
      index.setCapacity(e, CAPACITY);
    }
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        workers.add(pool.submit(() -> work(index, start, seed)));
      }
      long matched = 0;
      for (Future<Long> worker : workers) {
        matched += worker.get(2, TimeUnit.MINUTES); // rethrows any worker's exception
      }
      assertThat(matched).as("lookups found recorded prefixes").isPositive();
    } finally {
      pool.shutdownNow();
    }

    assertThat(index.size()).isLessThanOrEqualTo(MAX_ENTRIES);
    assertThat(index.stripeEntries()).as("both sides agree").isEqualTo(index.size());
    long held = 0;
    for (int e = 0; e < ENDPOINTS; e++) {
      assertThat(index.heldBy(e)).as("endpoint %d", e).isLessThanOrEqualTo(CAPACITY);
      held += index.heldBy(e);
    }
    assertThat(held).isEqualTo(index.size());
    assertThat(index.stats().lookups()).isEqualTo((long) THREADS * ROUNDS);
  }

  // Mixed load: records of shared-prefix chains, matches over all endpoints, occasional removals.
  private static long work(StripedPrefixAffinityIndex index, CyclicBarrier start, int seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    long[] chain = new long[24];
    int[] candidates = new int[ENDPOINTS];
    for (int e = 0; e < ENDPOINTS; e++) {
      candidates[e] = e;
    }
    int[] out = new int[ENDPOINTS];
    long matched = 0;
    start.await();
    for (int round = 0; round < ROUNDS; round++) {
      int prefix = random.nextInt(50); // 50 system prompts shared by everyone
      int blocks = 1 + random.nextInt(chain.length);
      for (int i = 0; i < blocks; i++) {
        chain[i] = i < 8 ? prefix * 1_000L + i : random.nextLong();
      }
      index.matchLengths(chain, blocks, candidates, ENDPOINTS, out);
      for (int e = 0; e < ENDPOINTS; e++) {
        assertThat(out[e]).isBetween(0, blocks);
        matched += out[e];
      }
      int endpoint = random.nextInt(ENDPOINTS);
      if (random.nextInt(1_000) == 0) {
        index.removeEndpoint(endpoint);
        index.setCapacity(endpoint, CAPACITY);
      } else {
        index.record(chain, blocks, endpoint);
      }
    }
    return matched;
  }
}
