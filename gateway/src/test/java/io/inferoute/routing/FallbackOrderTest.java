package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FallbackOrderTest {
  @Test
  void onePassPicksWhatSortingAllCandidatesWouldWithTiesInCandidateOrder() {
    Random random = new Random(7);
    Scratch s = Scratch.get();
    int[] out = new int[PlacementPipeline.MAX_FALLBACKS];
    for (int trial = 0; trial < 20_000; trial++) {
      int n = 1 + random.nextInt(70);
      s.ensure(n, 1, 1);
      for (int i = 0; i < n; i++) {
        s.tierRank[i] = random.nextInt(3);
        s.score[i] = random.nextInt(4) / 4.0; // few distinct values: many ties
      }
      int primary = random.nextInt(n);

      int count = PlacementPipeline.bestOthers(s, n, primary, out);

      List<Integer> others = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i != primary) {
          others.add(i);
        }
      }
      // List.sort is stable: equal candidates keep their order.
      others.sort(Comparator.<Integer>comparingInt(i -> s.tierRank[i])
          .thenComparing(i -> -s.score[i]));
      List<Integer> expected = others.subList(0, Math.min(out.length, others.size()));
      List<Integer> actual = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        actual.add(out[k]);
      }
      assertThat(actual).as("trial %d, n %d, primary %d", trial, n, primary)
          .isEqualTo(expected);
    }
    s.clear();
  }
}
