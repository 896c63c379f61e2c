package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KvCacheTest {
  @Test
  void countsOnlyTheLeadingRunOfCachedBlocks() {
    KvCache cache = new KvCache(10);
    cache.matchAndInsert(new long[] {1, 2, 3}, 3);

    assertThat(cache.matchAndInsert(new long[] {1, 2, 9}, 3)).isEqualTo(2);
    assertThat(cache.matchAndInsert(new long[] {7, 2, 3}, 3)).isZero();
    assertThat(cache.used()).isEqualTo(5);
    assertThat(cache.usage()).isEqualTo(0.5);
  }

  @Test
  void evictsTheLeastRecentlyUsedBlocks() {
    KvCache cache = new KvCache(3);
    cache.matchAndInsert(new long[] {1, 2, 3}, 3);
    cache.matchAndInsert(new long[] {1}, 1);

    cache.matchAndInsert(new long[] {4}, 1);

    assertThat(cache.used()).isEqualTo(3);
    assertThat(cache.matchAndInsert(new long[] {1}, 1)).isEqualTo(1);
    assertThat(cache.matchAndInsert(new long[] {2}, 1)).isZero();
  }

  @Test
  void zeroCapacityCachesNothing() {
    KvCache cache = new KvCache(0);
    cache.matchAndInsert(new long[] {1}, 1);

    assertThat(cache.matchAndInsert(new long[] {1}, 1)).isZero();
    assertThat(cache.usage()).isZero();
  }
}
