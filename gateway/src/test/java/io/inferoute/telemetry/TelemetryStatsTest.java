package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TelemetryStatsTest {

  @Test
  void minusGivesTheCountsOfThePeriod() {
    assertThat(new TelemetryStats(10, 4).minus(new TelemetryStats(7, 1)))
        .isEqualTo(new TelemetryStats(3, 3));
  }

  @Test
  void minusFloorsAtZeroWhenTheEarlierSnapshotIsAhead() {
    assertThat(new TelemetryStats(5, 1).minus(new TelemetryStats(7, 2)))
        .isEqualTo(TelemetryStats.ZERO);
  }

  @Test
  void failureRateIsFailuresPerRequest() {
    assertThat(new TelemetryStats(8, 2).failureRate()).isEqualTo(0.25);
    assertThat(TelemetryStats.ZERO.failureRate()).isZero();
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TelemetryStats(-1, 0))
        .withMessage("requests: -1 (expected: >= 0)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TelemetryStats(0, -2))
        .withMessage("failures: -2 (expected: >= 0)");
  }
}
