package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferoute.policy.TelemetrySettings;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;

class LatencyWindowProperties {

  @Property(tries = 300)
  void windowHoldsExactlyTheValuesOfTheLastNIntervals(
      @ForAll @IntRange(min = 1, max = 8) int intervals,
      @ForAll @Size(max = 14)
          List<@Size(max = 20) List<@LongRange(min = -1_000, max = 5_000_000_000_000L) Long>>
              recordedPerInterval) {
    LatencyWindow window = LatencyWindowTest.window(intervals);
    for (List<Long> interval : recordedPerInterval) {
      interval.forEach(window::record);
      window.rotate();
    }

    List<List<Long>> inWindow =
        recordedPerInterval.subList(
            Math.max(0, recordedPerInterval.size() - intervals), recordedPerInterval.size());
    long expectedCount = inWindow.stream().mapToLong(List::size).sum();
    LatencySnapshot snapshot = window.snapshot();
    assertThat(snapshot.count()).isEqualTo(expectedCount);
    if (expectedCount == 0) {
      assertThat(snapshot).isEqualTo(LatencySnapshot.EMPTY);
    } else {
      long expectedMax =
          1_000
              * inWindow.stream()
                  .flatMap(List::stream)
                  .mapToLong(LatencyWindow::clampToMicros)
                  .max()
                  .orElseThrow();
      assertThat(snapshot.maxNanos())
          .isBetween(expectedMax, expectedMax + LatencyWindowTest.tolerance(expectedMax));
    }
  }

  /** The window reports exactly what an HdrHistogram of the same layout reports. */
  @Property(tries = 300)
  void snapshotEqualsHdrHistogramOfTheSameValues(
      @ForAll @Size(min = 1, max = 4)
          List<@Size(max = 300) List<@LongRange(min = 0, max = 700_000_000_000L) Long>>
              recordedPerInterval) {
    LatencyWindow window =
        new LatencyWindow(
            new TelemetrySettings(Duration.ofSeconds(10), 4, Duration.ofSeconds(5)));
    Histogram reference = new Histogram(1, LatencyWindow.HIGHEST_MICROS, 2);
    for (List<Long> interval : recordedPerInterval) {
      for (long nanos : interval) {
        window.record(nanos);
        reference.recordValue(LatencyWindow.clampToMicros(nanos));
      }
      window.rotate();
    }

    LatencySnapshot snapshot = window.snapshot();
    assertThat(snapshot.count()).isEqualTo(reference.getTotalCount());
    if (reference.getTotalCount() > 0) {
      assertThat(snapshot.p50Nanos()).isEqualTo(reference.getValueAtPercentile(50) * 1_000);
      assertThat(snapshot.p90Nanos()).isEqualTo(reference.getValueAtPercentile(90) * 1_000);
      assertThat(snapshot.p95Nanos()).isEqualTo(reference.getValueAtPercentile(95) * 1_000);
      assertThat(snapshot.p99Nanos()).isEqualTo(reference.getValueAtPercentile(99) * 1_000);
      assertThat(snapshot.maxNanos()).isEqualTo(reference.getMaxValue() * 1_000);
      assertThat(snapshot.meanNanos())
          .isCloseTo(reference.getMean() * 1_000, within(reference.getMean() * 1e-9));
    }
  }
}
