package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointTelemetryTest {
  private static final TelemetrySettings SETTINGS =
      new TelemetrySettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(5));

  private final FakeTicker ticker = new FakeTicker();
  private final EndpointTelemetry telemetry = EndpointTelemetry.create(SETTINGS, ticker);

  @Test
  void keepsEachMetricInItsOwnWindow() {
    telemetry.record(LatencyMetric.TTFT, 100_000_000);
    telemetry.record(LatencyMetric.TTFT, 100_000_000);
    telemetry.record(LatencyMetric.END_TO_END, 2_000_000_000);

    telemetry.harvest();

    assertThat(telemetry.latency(LatencyMetric.TTFT).count()).isEqualTo(2);
    assertThat(telemetry.latency(LatencyMetric.END_TO_END).count()).isEqualTo(1);
    assertThat(telemetry.latency(LatencyMetric.END_TO_END).p50Nanos())
        .isBetween(2_000_000_000L, 2_020_000_000L);
    assertThat(telemetry.latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN))
        .isSameAs(LatencySnapshot.EMPTY);
  }

  @Test
  void latencyIsUnknownUntilHarvested() {
    telemetry.record(LatencyMetric.TTFT, 100_000_000);

    assertThat(telemetry.latency(LatencyMetric.TTFT).known()).isFalse();
  }

  @Test
  void harvestSlidesEveryWindow() {
    for (LatencyMetric metric : LatencyMetric.values()) {
      telemetry.record(metric, 1_000_000);
    }
    for (int i = 0; i < SETTINGS.windowIntervals() + 1; i++) {
      telemetry.harvest();
    }

    for (LatencyMetric metric : LatencyMetric.values()) {
      assertThat(telemetry.latency(metric)).as("%s", metric).isSameAs(LatencySnapshot.EMPTY);
    }
  }

  @Test
  void tryAcquireStopsAtTheLimit() {
    assertThat(telemetry.tryAcquire(2)).isTrue();
    assertThat(telemetry.tryAcquire(2)).isTrue();

    assertThat(telemetry.tryAcquire(2)).isFalse();
    assertThat(telemetry.inFlight()).isEqualTo(2);
    assertThat(telemetry.tryAcquire(0)).isFalse();
  }

  @Test
  void acquireIgnoresTheLimitAndBlocksTryAcquire() {
    telemetry.acquire();
    telemetry.acquire();
    telemetry.acquire();

    assertThat(telemetry.inFlight()).isEqualTo(3);
    assertThat(telemetry.tryAcquire(3)).isFalse();
    telemetry.release();
    assertThat(telemetry.tryAcquire(3)).isTrue();
  }

  @Test
  void releaseNeverGoesBelowZeroAndCountsTheMisuse() {
    telemetry.acquire();
    telemetry.release();

    telemetry.release();
    telemetry.release();

    assertThat(telemetry.inFlight()).isZero();
    assertThat(telemetry.releaseUnderflows()).isEqualTo(2);
    assertThat(telemetry.tryAcquire(1)).isTrue();
  }

  @Test
  void loadIsUnknownBeforeAnyReport() {
    assertThat(telemetry.freshLoad()).isNull();
  }

  @Test
  void freshReportIsReturnedWithItsTimestamp() {
    ticker.advance(Duration.ofSeconds(42));
    telemetry.reportLoad(7, 3, 0.25);
    ticker.advance(Duration.ofSeconds(5)); // exactly loadReportMaxAge: not older than it yet

    assertThat(telemetry.freshLoad())
        .isEqualTo(new LoadReport(7, 3, 0.25, Duration.ofSeconds(42).toNanos(), 0));
  }

  @Test
  void reportKeepsTheRoutersInFlightCountAtTheTime() {
    telemetry.acquire();
    telemetry.acquire();
    telemetry.reportLoad(0, 2, 0.25);
    telemetry.acquire();

    LoadReport report = telemetry.freshLoad();
    assertThat(report).isNotNull();
    assertThat(report.inFlightAtReport()).isEqualTo(2);
    assertThat(report.outstandingNow(telemetry.inFlight())).isEqualTo(3);
  }

  @Test
  void freshnessCanBeJudgedAtAGivenTime() {
    telemetry.reportLoad(7, 3, 0.25);

    assertThat(telemetry.freshLoad(Duration.ofSeconds(5).toNanos())).isNotNull();
    assertThat(telemetry.freshLoad(Duration.ofSeconds(5).plusNanos(1).toNanos())).isNull();
  }

  @Test
  void staleReportIsUnknownNotZero() {
    telemetry.reportLoad(7, 3, 0.25);

    ticker.advance(Duration.ofSeconds(5).plusNanos(1));

    assertThat(telemetry.freshLoad()).isNull();
  }

  @Test
  void newReportReplacesAStaleOne() {
    telemetry.reportLoad(7, 3, 0.25);
    ticker.advance(Duration.ofMinutes(1));

    telemetry.reportLoad(1, 2, 0.5);

    assertThat(telemetry.freshLoad()).isNotNull().extracting(LoadReport::queueDepth).isEqualTo(1);
  }

  @Test
  void reportLoadNormalisesOutOfRangeValues() {
    telemetry.reportLoad(-1, -7, Double.NaN);
    assertThat(telemetry.freshLoad()).isEqualTo(new LoadReport(-1, -1, -1, 0, 0));

    telemetry.reportLoad(0, 0, 1.5);
    assertThat(telemetry.freshLoad()).isEqualTo(new LoadReport(0, 0, 1.0, 0, 0));

    telemetry.reportLoad(0, 0, -0.5);
    assertThat(telemetry.freshLoad()).isEqualTo(new LoadReport(0, 0, -1, 0, 0));
  }

  @Test
  void countsRequestsAndFailures() {
    telemetry.countResult(false);
    telemetry.countResult(true);
    telemetry.countResult(false);

    assertThat(telemetry.stats()).isEqualTo(new TelemetryStats(3, 1));
  }

  @Test
  void statsDeltaCoversOnlyTheLaterPeriod() {
    telemetry.countResult(true);
    TelemetryStats before = telemetry.stats();
    telemetry.countResult(false);
    telemetry.countResult(true);

    assertThat(telemetry.stats().minus(before)).isEqualTo(new TelemetryStats(2, 1));
  }
}
