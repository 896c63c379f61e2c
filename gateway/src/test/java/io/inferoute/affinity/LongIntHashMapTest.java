package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {
  @Test
  void agreesWithHashMapUnderRandomPutsAndRemoves() {
    LongIntHashMap map = new LongIntHashMap(4);
    Map<Long, Integer> reference = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int op = 0; op < 200_000; op++) {
      // A small key space forces collisions, long probe runs and deletions inside them.
      long key = random.nextInt(3) == 0 ? random.nextInt(500) : random.nextInt(500) * (1L << 40);
      if (random.nextBoolean()) {
        int value = random.nextInt(1_000_000);
        map.put(key, value);
        reference.put(key, value);
      } else {
        map.remove(key);
        reference.remove(key);
      }
      if (op % 1_000 == 0) {
        assertSame(map, reference);
      }
    }
    assertSame(map, reference);
  }

  @Test
  void clearForgetsEverything() {
    LongIntHashMap map = new LongIntHashMap(4);
    map.put(0L, 1);
    map.put(-1L, 2);

    map.clear();

    assertThat(map.size()).isZero();
    assertThat(map.get(0L)).isEqualTo(LongIntHashMap.ABSENT);
  }

  private static void assertSame(LongIntHashMap map, Map<Long, Integer> reference) {
    assertThat(map.size()).isEqualTo(reference.size());
    for (long key = 0; key < 500; key++) {
      for (long k : new long[] {key, key * (1L << 40)}) {
        int expected = reference.getOrDefault(k, LongIntHashMap.ABSENT);
        assertThat(map.get(k)).as("key %d", k).isEqualTo(expected);
        assertThat(map.getRacy(k)).as("key %d", k).isEqualTo(expected);
      }
    }
  }
}
