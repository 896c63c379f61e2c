package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTest {
  private static final FleetNode FAST =
      new FleetNode("fast", "edge-gpu", "eu-west/paris", 1_000, 100, 1_000, 2, 4, 0.1, 0.4);
  private static final FleetNode UNCACHED =
      new FleetNode("slow", "regional-npu", "eu-west/dc", 500, 50, 0, 4, 8, 0.04, 0.16);

  @Test
  void roundRobinSaturatesAtItsSlowestNodeWithTheCacheItEarns() {
    String text = "a".repeat(122); // 128 chars: 32 tokens, 2 blocks
    List<LabRequest> trace = List.of(PrefixOracleTest.user(0, text), PrefixOracleTest.user(1, text),
        PrefixOracleTest.user(2, text), PrefixOracleTest.user(3, text)).stream()
        .map(r -> withMaxTokens(r, 10)).toList();
    Capacity c = Capacity.estimate(List.of(FAST, UNCACHED), trace);
    // fast: cold 32/1000 + 10/100 = 0.132 s, then warm 0.1 s: mean 0.116 s, 2 slots -> 17.24/s
    // slow (no cache): 32/500 + 10/50 = 0.264 s, 4 slots -> 15.15/s; round robin: 2 x 15.15
    assertThat(c.roundRobinRequestsPerSecond()).isCloseTo(2 * 4 / 0.264, within(1e-9));
    assertThat(c.requestsPerSecond()).isCloseTo(2 / 0.116 + 4 / 0.264, within(1e-9));
    assertThat(c.bottleneck()).isEqualTo("slow");
    assertThat(c.meanPromptTokens()).isEqualTo(32);
    assertThat(c.meanUncachedTokens()).isEqualTo(24);
    assertThat(c.meanOutputTokens()).isEqualTo(10);
  }

  @Test
  void anEmptyTraceHasNoCapacity() {
    assertThatThrownBy(() -> Capacity.estimate(List.of(FAST), List.of()))
        .hasMessage("fleet, trace: 1, 0 (expected: both non-empty)");
  }

  private static LabRequest withMaxTokens(LabRequest r, int maxTokens) {
    return new LabRequest(r.index(), r.arrivalNanos(), r.session(), r.origin(), r.interactive(),
        r.model(), r.path(), r.body(), r.promptChars(), maxTokens);
  }
}
