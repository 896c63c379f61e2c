package io.inferoute.istio;

import static io.inferoute.istio.Rows.T0;
import static io.inferoute.istio.Rows.gateways;
import static io.inferoute.istio.Rows.idle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferoute.policy.Locality;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WeightPublisherTest {

  private static final DestinationRuleTarget TARGET =
      new DestinationRuleTarget("llm", "inference", "llm-locality", "llm.inference.svc.cluster.local");

  /** Records calls; fails with the queued outcomes first. */
  private static final class ScriptedPublisher implements LocalityLbPublisher {
    final List<LocalityLbSetting> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final Deque<PublishOutcome> failures = new ArrayDeque<>();

    @Override
    public PublishReceipt publish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException {
      calls.add(setting);
      threads.add(Thread.currentThread().getName());
      PublishOutcome failure = failures.poll();
      if (failure != null) {
        throw new PublishException(failure, "scripted " + failure);
      }
      return new PublishReceipt(PublishOutcome.APPLIED, List.of());
    }
  }

  private final ScriptedPublisher sink = new ScriptedPublisher();
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final AtomicBoolean leading = new AtomicBoolean(true);
  private final AtomicReference<MeshTelemetry> telemetry =
      new AtomicReference<>(Rows.now(idle("llm", "eu/a", 8), idle("llm", "eu/b", 8)));
  private final InstantSource clock = () -> now.get();
  private final Backoff noJitter = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0);

  private WeightPublisher publisher() {
    List<Locality> gw = gateways("eu/a");
    return new WeightPublisher(telemetry::get, () -> gw, new LocalityWeightCalculator(WeightSettings.DEFAULT),
        sink, List.of(TARGET), leading::get, clock, noJitter);
  }

  @Test
  void aStandByReplicaComputesButDoesNotWrite() {
    leading.set(false);
    WeightPublisher p = publisher();

    p.runOnce();

    assertThat(sink.calls).isEmpty();
    assertThat(p.status().leader()).isFalse();
    assertThat(p.status().pending()).containsKey("llm");
  }

  @Test
  void theLeaderWritesEachChangeOnceAndReportsTheWeightsInForce() {
    WeightPublisher p = publisher();

    p.runOnce();
    p.runOnce();

    assertThat(sink.calls).hasSize(1);
    assertThat(p.status().counts()).containsEntry(PublishOutcome.APPLIED, 1L);
    assertThat(p.status().published().get("llm")).isEqualTo(sink.calls.get(0));
  }

  @Test
  void retriesAFailureAfterAnExponentialBackoff() {
    sink.failures.add(PublishOutcome.SERVER_ERROR);
    sink.failures.add(PublishOutcome.CONFLICT);
    WeightPublisher p = publisher();

    p.runOnce();
    now.set(T0.plusMillis(999));
    p.runOnce();
    assertThat(sink.calls).hasSize(1);
    now.set(T0.plusSeconds(1));
    p.runOnce();
    assertThat(sink.calls).hasSize(2);
    assertThat(p.status().services().get("llm").nextAttempt()).isEqualTo(T0.plusSeconds(3));
    now.set(T0.plusSeconds(3));
    p.runOnce();

    assertThat(sink.calls).hasSize(3);
    assertThat(p.status().counts()).containsEntry(PublishOutcome.SERVER_ERROR, 1L)
        .containsEntry(PublishOutcome.CONFLICT, 1L).containsEntry(PublishOutcome.APPLIED, 1L);
    assertThat(p.status().services().get("llm").consecutiveFailures()).isZero();
  }

  @Test
  void aFailedPublishLeavesTheStateWhereItWas() {
    sink.failures.add(PublishOutcome.REJECTED);
    WeightPublisher p = publisher();

    p.runOnce();

    assertThat(p.status().published()).isEmpty();
    assertThat(p.status().services().get("llm").lastError()).isEqualTo("scripted REJECTED");
  }

  @Test
  void aThrowingTelemetrySourceIsCountedAndTheNextCycleRuns() {
    MeshTelemetry good = telemetry.get();
    WeightPublisher p = new WeightPublisher(() -> {
      MeshTelemetry t = telemetry.getAndSet(good);
      if (t == null) {
        throw new IllegalStateException("engine not ready");
      }
      return t;
    }, List::<Locality>of, new LocalityWeightCalculator(WeightSettings.DEFAULT), sink, List.of(TARGET),
        leading::get, clock, noJitter);
    telemetry.set(null);

    p.runOnce();
    p.runOnce();

    assertThat(p.status().loopFailures()).isEqualTo(1);
    assertThat(sink.calls).hasSize(1);
  }

  @Test
  void aNewLeaderWritesItsTargetsWhole() {
    WeightPublisher p = publisher();
    p.runOnce();
    leading.set(false);
    p.runOnce();
    leading.set(true);

    p.runOnce();

    assertThat(sink.calls).hasSize(2);
  }

  @Test
  void runsOnItsOwnThreadNeverTheCallers() {
    try (WeightPublisher p = publisher()) {
      p.start(Duration.ofMillis(20));

      await().atMost(Duration.ofSeconds(10)).until(() -> !sink.calls.isEmpty());
      assertThat(new ArrayList<>(sink.threads)).containsOnly("inferoute-weight-publisher");
    }
  }

  @Test
  void backoffDoublesUpToItsMaximumWithJitterBelowOne() {
    assertThat(noJitter.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.delay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(noJitter.delay(60)).isEqualTo(Duration.ofSeconds(8));
    Backoff half = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.0);
    assertThat(half.delay(2)).isEqualTo(Duration.ofSeconds(1));
  }
}
