package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
  static final List<FleetNode> FLEET = List.of(
      new FleetNode("e1", "edge-gpu", "eu-west/paris", 8_000, 100, 2_048, 8, 8, 0.10, 0.40),
      new FleetNode("c1", "cloud", "us-east/us-east-a", 20_000, 150, 65_536, 16, 32, 0.60, 2.40));
  static final RunSpec SPEC = new RunSpec("chat", Strategy.LATENCY, RunSpec.GatewayPath.HTTP, 1,
      null, Duration.ofSeconds(1), 1);

  private static final long MS = 1_000_000;

  static Outcome outcome(int index, boolean interactive, int status, long ttftMs, long e2eMs,
      int prompt, int cached, int output, @Nullable String endpoint, @Nullable String error) {
    LabRequest r = new LabRequest(index, index * 100 * MS, null, "eu-west/paris", interactive,
        "m", "/v1/chat/completions", "{}", 4 * prompt, output);
    return new Outcome(r, status, index * 100 * MS, ttftMs < 0 ? -1 : ttftMs * MS,
        e2eMs < 0 ? -1 : e2eMs * MS, prompt, cached, output, endpoint, error);
  }

  private static RunSummary summary() {
    List<Outcome> outcomes = List.of(
        outcome(0, true, 200, 100, 1_000, 1_000, 800, 100, "e1", null),
        outcome(1, true, 200, 300, 2_000, 1_000, 0, 100, "c1", null),
        outcome(2, true, 200, 1_500, 3_000, 500, 500, 50, "e1", null),
        outcome(3, true, 429, -1, -1, 0, 0, 0, null, "rate limited"),
        outcome(4, false, 0, -1, -1, 0, 0, 0, null, "timeout"),
        outcome(5, false, 200, 2_000, 4_000, 1_000, 0, 200, "mystery", null));
    return RunSummary.of(new RunOutput(SPEC, outcomes, 10_000 * MS), FLEET, "chat", 0.8, 3, 0.5);
  }

  @Test
  void latencyPercentilesAreNearestRankOverSuccesses() {
    RunSummary s = summary();
    assertThat(s.ttftP50Ms()).isEqualTo(300);
    assertThat(s.ttftP90Ms()).isEqualTo(2_000);
    assertThat(s.ttftP99Ms()).isEqualTo(2_000);
    assertThat(s.e2eP99Ms()).isEqualTo(4_000);
    assertThat(s.requests()).isEqualTo(6);
    assertThat(s.succeeded()).isEqualTo(4);
  }

  @Test
  void sloAttainmentCountsFailedInteractiveRequestsAsMisses() {
    RunSummary s = summary();
    assertThat(s.interactiveRequests()).isEqualTo(4);
    assertThat(s.sloAttainment()).isEqualTo(0.5);
  }

  @Test
  void costIsServedTokensAtTheirEndpointsPrices() {
    // (1000 x 0.10 + 100 x 0.40) + (1000 x 0.60 + 100 x 2.40) + (500 x 0.10 + 50 x 0.40) = 1050
    // dollar-millionths over 2750 tokens; the unknown endpoint's request is left out
    assertThat(summary().costPerMillionTokens()).isCloseTo(1_050.0 / 2_750, within(1e-12));
  }

  @Test
  void throughputHitRateTierMixAndErrors() {
    RunSummary s = summary();
    assertThat(s.outputTokensPerSecond()).isEqualTo(45);
    assertThat(s.hitRate()).isEqualTo(1_300.0 / 3_500);
    assertThat(s.hitOfOracle()).isEqualTo(1_300.0 / 3_500 / 0.5);
    assertThat(s.offeredRequestsPerSecond()).isEqualTo(2);
    assertThat(s.tierMix()).containsOnly(entry("edge-gpu", 0.5), entry("cloud", 0.25),
        entry("unknown", 0.25));
    assertThat(s.errors()).isEqualTo(2);
    assertThat(s.errorKinds()).containsOnly(entry("HTTP 429", 1), entry("timeout", 1));
  }

  @Test
  void aRunWithoutSuccessHasNoLatencyOrCost() {
    RunSummary s = RunSummary.of(new RunOutput(SPEC,
        List.of(outcome(0, true, 503, -1, -1, 0, 0, 0, null, "unavailable")), MS), FLEET, "chat",
        1, 1, 0);
    assertThat(s.ttftP90Ms()).isNaN();
    assertThat(s.costPerMillionTokens()).isNaN();
    assertThat(s.sloAttainment()).isZero();
    assertThat(s.hitOfOracle()).isNaN();
  }
}
