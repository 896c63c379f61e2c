package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final int SLOTS = 8;

  @Test
  void withNothingSentSinceTheReportIsTakenAsIs() {
    LoadReport report = new LoadReport(3, 8, 0.5, 0, 2);

    assertThat(report.waitingNow(2, SLOTS)).isEqualTo(3);
    assertThat(report.outstandingNow(2)).isEqualTo(11);
  }

  @Test
  void aQueueGrowsByWhatWasSentSinceAndShrinksByWhatFinished() {
    LoadReport report = new LoadReport(3, 8, 0.5, 0, 2);

    assertThat(report.waitingNow(6, SLOTS)).as("4 more sent").isEqualTo(7);
    assertThat(report.outstandingNow(6)).isEqualTo(15);
    assertThat(report.waitingNow(0, SLOTS)).as("2 finished, 2 of the queue took their slots")
        .isEqualTo(1);
    assertThat(report.outstandingNow(0)).isEqualTo(9);
  }

  @Test
  void anEmptyQueueFillsOnlyOnceTheFreeSlotsAreTaken() {
    LoadReport report = new LoadReport(0, 5, 0.5, 0, 0);

    assertThat(report.waitingNow(3, SLOTS)).as("3 sent into 3 free slots").isZero();
    assertThat(report.waitingNow(5, SLOTS)).as("2 beyond the free slots").isEqualTo(2);
    assertThat(report.outstandingNow(5)).isEqualTo(10);
  }

  @Test
  void anEmptyQueueNeverCountsMoreWaitersThanWereSentSince() {
    // The server runs more than the router's limit (e.g. a larger batch): its own running count is
    // no evidence that anything waits.
    LoadReport report = new LoadReport(0, 40, 0.5, 0, 0);

    assertThat(report.waitingNow(0, SLOTS)).isZero();
    assertThat(report.waitingNow(2, SLOTS)).isEqualTo(2);
  }

  @Test
  void withoutARunningCountTheRoutersOwnCountAtTheTimeStandsIn() {
    LoadReport report = new LoadReport(0, -1, -1, 0, 6);

    assertThat(report.waitingNow(8, SLOTS)).isZero();
    assertThat(report.waitingNow(10, SLOTS)).isEqualTo(2);
    assertThat(report.outstandingNow(10)).isEqualTo(10);
  }

  @Test
  void theEstimateNeverFallsBelowTheRoutersOwnCount() {
    // Another replica's requests finished since; this router still has 4 of its own in flight.
    LoadReport report = new LoadReport(0, 0, 0.1, 0, 6);

    assertThat(report.outstandingNow(4)).isEqualTo(4);
    assertThat(report.waitingNow(4, SLOTS)).isZero();
  }

  @Test
  void withoutAQueueDepthNothingIsEstimated() {
    LoadReport report = new LoadReport(-1, 5, 0.5, 0, 0);

    assertThat(report.waitingNow(20, SLOTS)).isEqualTo(-1);
    assertThat(report.outstandingNow(20)).isEqualTo(-1);
  }

  @Test
  void hugeCountsSaturateInsteadOfOverflowing() {
    LoadReport report = new LoadReport(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 0, 0);

    assertThat(report.outstandingNow(5)).isEqualTo(Integer.MAX_VALUE);
    assertThat(report.waitingNow(5, SLOTS)).isEqualTo(Integer.MAX_VALUE);
  }
}
