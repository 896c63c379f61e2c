package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.testing.FakeTicker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory bounds per endpoint, from the deterministic footprint estimates (never from GC
 * measurements): fleets of 10,000 endpoints must fit in a router's heap.
 */
class TelemetryFootprintTest {
  private static final long MILLI = 1_000_000;
  private static final long SECOND = 1_000_000_000;
  private static final long KB = 1_000;

  private final EndpointTelemetry endpoint =
      EndpointTelemetry.create(TelemetrySettings.DEFAULT, new FakeTicker());

  @Test
  void endpointThatNeverRecordedHoldsNoCounts() {
    for (int i = 0; i < TelemetrySettings.DEFAULT.windowIntervals() + 2; i++) {
      endpoint.harvest();
    }

    assertThat(endpoint.estimatedFootprintBytes()).isLessThan(1 * KB);
    assertThat(endpoint.latency(LatencyMetric.TTFT)).isSameAs(LatencySnapshot.EMPTY);
  }

  @Test
  void firstValueOfAMetricAllocatesOnlyThatMetricsRecorder() {
    long idle = endpoint.estimatedFootprintBytes();

    endpoint.record(LatencyMetric.TTFT, 50 * MILLI);

    assertThat(endpoint.estimatedFootprintBytes() - idle)
        .isEqualTo(IntervalRecorder.footprintBytes());
  }

  /**
   * All three metrics over a full default window (6 × 10 s) of wide, realistic distributions, at
   * 10 to 1,000 requests a second.
   */
  @ParameterizedTest(name = "{0} values per interval")
  @ValueSource(ints = {100, 1_000, 10_000})
  void activeEndpointStaysWithin150Kilobytes(int valuesPerInterval) {
    SplittableRandom random = new SplittableRandom(valuesPerInterval);
    for (int interval = 0; interval < TelemetrySettings.DEFAULT.windowIntervals(); interval++) {
      for (int i = 0; i < valuesPerInterval; i++) {
        // Prefix-cache hits answer fast, misses pay the whole prefill.
        long ttft =
            random.nextInt(5) == 0
                ? lognormal(random, 3 * SECOND, 0.5)
                : lognormal(random, 40 * MILLI, 0.5);
        endpoint.record(LatencyMetric.TTFT, ttft);
        endpoint.record(LatencyMetric.END_TO_END, ttft + lognormal(random, 8 * SECOND, 1.0));
        endpoint.record(LatencyMetric.TIME_PER_OUTPUT_TOKEN, lognormal(random, 30 * MILLI, 0.4));
      }
      endpoint.harvest();
    }

    assertThat(endpoint.latency(LatencyMetric.TTFT).count())
        .isEqualTo(6L * valuesPerInterval);
    assertThat(endpoint.estimatedFootprintBytes()).isLessThanOrEqualTo(150 * KB);
  }

  @Test
  void windowFilledInEveryBucketStaysWithinTheDocumentedWorstCase() {
    LatencyWindow window = new LatencyWindow(TelemetrySettings.DEFAULT);
    for (int interval = 0; interval < TelemetrySettings.DEFAULT.windowIntervals(); interval++) {
      for (int bucket = 0; bucket < Buckets.COUNT; bucket++) {
        window.record(Buckets.lowest(bucket) * 1_000);
      }
      window.rotate();
    }

    // Recorder + 6 intervals of 2 bytes per bucket (count 1: gap and count take 1 byte each).
    assertThat(window.snapshot().count()).isEqualTo(6L * Buckets.COUNT);
    assertThat(window.estimatedFootprintBytes())
        .isLessThanOrEqualTo(IntervalRecorder.footprintBytes() + 6 * (2 * Buckets.COUNT + 2 * KB));
  }

  private static long lognormal(SplittableRandom random, long medianNanos, double sigma) {
    double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
    double u2 = random.nextDouble();
    double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return (long) (medianNanos * Math.exp(sigma * gaussian));
  }
}
