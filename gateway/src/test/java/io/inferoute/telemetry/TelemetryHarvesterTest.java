package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TelemetryHarvesterTest {
  // Long enough that the thread never runs a pass of its own during a test.
  private static final Duration NEVER = Duration.ofHours(1);

  private final EndpointTelemetry endpoint =
      EndpointTelemetry.create(TelemetrySettings.DEFAULT, new FakeTicker());

  @Test
  void harvestNowPublishesTheLatestInterval() {
    try (TelemetryHarvester harvester = TelemetryHarvester.start(NEVER, () -> List.of(endpoint))) {
      endpoint.record(LatencyMetric.TTFT, 50_000_000);

      harvester.harvestNow();

      assertThat(endpoint.latency(LatencyMetric.TTFT).count()).isEqualTo(1);
    }
  }

  @Test
  void runsOnOneNamedDaemonThread() {
    try (TelemetryHarvester harvester = TelemetryHarvester.start(NEVER, List::of)) {
      assertThat(harvester.thread().getName()).isEqualTo("inferoute-telemetry-harvester");
      assertThat(harvester.thread().isDaemon()).isTrue();
      assertThat(harvester.thread().isAlive()).isTrue();
    }
  }

  @Test
  void closeStopsTheThreadAndIsIdempotent() {
    TelemetryHarvester harvester = TelemetryHarvester.start(NEVER, List::of);

    harvester.close();
    harvester.close();

    assertThat(harvester.thread().isAlive()).isFalse();
  }

  @Test
  void oneFailingEndpointDoesNotStopTheOthers() {
    // A null element makes harvest() of that entry throw, standing in for any per-endpoint bug.
    List<EndpointTelemetry> endpoints = Arrays.asList(null, endpoint);
    try (TelemetryHarvester harvester = TelemetryHarvester.start(NEVER, () -> endpoints)) {
      endpoint.record(LatencyMetric.TTFT, 50_000_000);

      harvester.harvestNow();

      assertThat(endpoint.latency(LatencyMetric.TTFT).count()).isEqualTo(1);
    }
  }

  @Test
  void throwingSourceDoesNotKillTheThread() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch fivePasses = new CountDownLatch(5);
    CountDownLatch harvestedAfterFailures = new CountDownLatch(1);
    endpoint.record(LatencyMetric.TTFT, 50_000_000);
    try (TelemetryHarvester harvester =
        TelemetryHarvester.start(
            Duration.ofMillis(1),
            () -> {
              fivePasses.countDown();
              if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("source broken");
              }
              harvestedAfterFailures.countDown();
              return List.of(endpoint);
            })) {

      // Waits for passes of the harvester's own thread; bounded so a dead thread fails the test.
      assertThat(fivePasses.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(harvestedAfterFailures.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(harvester.thread().isAlive()).isTrue();
    }
  }

  @Test
  void laterPassKeepsItsScheduleAndALatePassSkipsMissedOnes() {
    long interval = 10;

    assertThat(TelemetryHarvester.nextDue(100, 103, interval)).isEqualTo(110);
    assertThat(TelemetryHarvester.nextDue(100, 110, interval)).isEqualTo(120);
    assertThat(TelemetryHarvester.nextDue(100, 135, interval)).isEqualTo(145);
  }

  @Test
  void rejectsANonPositiveInterval() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TelemetryHarvester.start(Duration.ZERO, List::of))
        .withMessage("interval: PT0S (expected: a duration > 0)");
  }
}
