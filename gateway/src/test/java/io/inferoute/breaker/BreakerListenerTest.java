package io.inferoute.breaker;

import static io.inferoute.breaker.BreakerState.CLOSED;
import static io.inferoute.breaker.BreakerState.HALF_OPEN;
import static io.inferoute.breaker.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.testing.FakeTicker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerListenerTest {
  final FakeTicker ticker = new FakeTicker();
  final EjectionBudget budget = EjectionBudget.create(10);
  final CircuitBreaker breaker =
      CircuitBreaker.create("edge-1", BreakerSettings.DEFAULT, ticker, budget);
  final List<String> seen = new ArrayList<>();

  /** Drives CLOSED → OPEN → HALF_OPEN → OPEN → HALF_OPEN → CLOSED, with redundant calls between. */
  void runFullCycle() {
    CircuitBreakerTest.report(breaker, Outcome.FAILURE_5XX, 7);
    breaker.tryDispatch();
    ticker.advance(BreakerSettings.DEFAULT.maxEjectionTime());
    breaker.allowsRequests();
    breaker.tryDispatch();
    breaker.tryDispatch();
    breaker.onOutcome(Outcome.GATEWAY_FAILURE);
    breaker.onOutcome(Outcome.GATEWAY_FAILURE);
    ticker.advance(BreakerSettings.DEFAULT.maxEjectionTime());
    breaker.tryDispatch();
    breaker.onOutcome(Outcome.SUCCESS);
    breaker.onOutcome(Outcome.SUCCESS);
  }

  @Test
  void listenersSeeEveryTransitionOnce() {
    breaker.addListener((name, from, to) -> seen.add(name + ":" + from + "->" + to));

    runFullCycle();

    assertThat(seen).containsExactly(
        "edge-1:CLOSED->OPEN", "edge-1:OPEN->HALF_OPEN", "edge-1:HALF_OPEN->OPEN",
        "edge-1:OPEN->HALF_OPEN", "edge-1:HALF_OPEN->CLOSED");
  }

  @Test
  void listenerExceptionsDoNotBreakTheBreakerNorOtherListeners() {
    breaker.addListener((name, from, to) -> {
      throw new IllegalStateException("listener bug");
    });
    breaker.addListener((name, from, to) -> {
      throw new AssertionError("worse listener bug");
    });
    breaker.addListener((name, from, to) -> seen.add(from + "->" + to));

    runFullCycle();

    assertThat(seen).hasSize(5).endsWith(HALF_OPEN + "->" + CLOSED);
    assertThat(breaker.state()).isEqualTo(CLOSED);
    assertThat(budget.ejected()).isZero();
  }

  @Test
  void aListenerMayCallBackIntoTheBreaker() {
    List<BreakerState> states = new ArrayList<>();
    breaker.addListener((name, from, to) -> {
      states.add(breaker.state());
      breaker.allowsRequests();
    });

    CircuitBreakerTest.report(breaker, Outcome.FAILURE_5XX, 5);

    assertThat(states).containsExactly(OPEN);
  }
}
