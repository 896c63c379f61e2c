package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

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
}
