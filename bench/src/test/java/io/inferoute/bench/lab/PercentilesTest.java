package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static final long[] VALUES = {35, 20, 15, 50, 40};

  @Test
  void nearestRankPicksAMeasuredValue() {
    assertThat(Percentiles.nearestRank(VALUES, 1)).isEqualTo(15);
    assertThat(Percentiles.nearestRank(VALUES, 30)).isEqualTo(20);
    assertThat(Percentiles.nearestRank(VALUES, 40)).isEqualTo(20);
    assertThat(Percentiles.nearestRank(VALUES, 50)).isEqualTo(35);
    assertThat(Percentiles.nearestRank(VALUES, 90)).isEqualTo(50);
    assertThat(Percentiles.nearestRank(VALUES, 100)).isEqualTo(50);
  }

  @Test
  void leavesItsInputUnsorted() {
    long[] values = VALUES.clone();
    Percentiles.nearestRank(values, 50);
    assertThat(values).containsExactly(VALUES);
  }

  @Test
  void noValuesGiveNaN() {
    assertThat(Percentiles.nearestRank(new long[0], 90)).isNaN();
  }

  @Test
  void rejectsAPercentileOutsideTheRange() {
    assertThatThrownBy(() -> Percentiles.nearestRank(VALUES, 0))
        .hasMessage("p: 0.0 (expected: in (0, 100])");
  }
}
