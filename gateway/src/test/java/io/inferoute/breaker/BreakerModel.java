package io.inferoute.breaker;

import static io.inferoute.breaker.BreakerState.CLOSED;
import static io.inferoute.breaker.BreakerState.HALF_OPEN;
import static io.inferoute.breaker.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.testing.FakeTicker;
import java.util.ArrayList;
import java.util.List;

/**
 * A real breaker driven one call at a time beside a minimal model of what it must do; every call
 * checks the transitions it caused against the state machine. Single-threaded, so listener order is
 * the order of transitions.
 */
final class BreakerModel {
  final BreakerSettings settings;
  final BreakerRules rules;
  final FakeTicker ticker = new FakeTicker();
  final EjectionBudget budget;
  final NonBlockingCircuitBreaker breaker;
  private final List<String> transitions = new ArrayList<>();

  // What the model knows, updated by the same calls.
  private int consecutive5xx;
  private int consecutiveGateway;
  private int closedEjections;
  private long closedAt;
  private long openedAt;
  private long openFor;
  private int ejections;
  private int permitsLeft;
  private int trialSuccesses;
  private int grantsThisRound;
  private long lastGrant;

  BreakerModel(BreakerSettings settings) {
    this.settings = settings;
    this.rules = BreakerRules.of(settings);
    this.budget = EjectionBudget.create(settings.maxEjectionPercent());
    budget.setFleetSize(1); // the first ejection is always granted: ejection is deterministic
    this.breaker = (NonBlockingCircuitBreaker) CircuitBreaker.create("e", settings, ticker, budget);
    breaker.addListener((name, from, to) -> transitions.add(from + "->" + to));
  }

  void dispatch() {
    BreakerState before = breaker.state();
    boolean allowed = breaker.allowsRequests();
    boolean granted = breaker.tryDispatch();
    assertThat(granted).as("tryDispatch agrees with allowsRequests").isEqualTo(allowed);
    long now = ticker.read();
    switch (before) {
      case CLOSED -> expect(granted, true);
      case OPEN -> dispatchWhileOpen(granted, now);
      case HALF_OPEN -> dispatchWhileHalfOpen(granted, now);
    }
    if (before != OPEN || !granted) {
      expectTransitions();
    }
  }

  void report(Outcome outcome) {
    long now = ticker.read();
    switch (breaker.state()) {
      case CLOSED -> reportWhileClosed(outcome, now);
      case OPEN -> {
        breaker.onOutcome(outcome);
        expectTransitions(); // late outcomes of pre-ejection requests are ignored
      }
      case HALF_OPEN -> reportWhileHalfOpen(outcome, now);
    }
  }

  void advance(long nanos) {
    ticker.advance(nanos);
  }

  /** Checked after every step. */
  void checkInvariants() {
    BreakerState state = breaker.state();
    assertThat(budget.ejected()).as("budget held iff not CLOSED").isEqualTo(state == CLOSED ? 0 : 1);
    assertThat(breaker.ejections()).isBetween(0, rules.maxMultiplier());
    long now = ticker.read();
    if (state == OPEN) {
      OpenStatus open = (OpenStatus) breaker.status();
      assertThat(open.durationNanos())
          .isBetween(rules.baseEjectionNanos(), rules.maxEjectionNanos());
      if (now - openedAt >= rules.maxEjectionNanos()) {
        assertThat(breaker.allowsRequests()).as("never OPEN longer than max").isTrue();
      }
    }
    if (state == HALF_OPEN) {
      assertThat(grantsThisRound).as("trial permits not overdrawn").isBetween(1, rules.trialRequests());
      if (now - lastGrant >= rules.baseEjectionNanos()) {
        assertThat(breaker.allowsRequests()).as("HALF_OPEN never wedges").isTrue();
      }
    }
  }

  private void dispatchWhileOpen(boolean granted, long now) {
    expect(granted, now - openedAt >= openFor);
    if (granted) {
      expectTransitions("OPEN->HALF_OPEN");
      permitsLeft = rules.trialRequests() - 1;
      trialSuccesses = 0;
      grantsThisRound = 1;
      lastGrant = now;
    }
  }

  private void dispatchWhileHalfOpen(boolean granted, long now) {
    if (permitsLeft > 0) {
      expect(granted, true);
      permitsLeft--;
      grantsThisRound++;
      lastGrant = now;
    } else if (now - lastGrant >= rules.baseEjectionNanos()) {
      expect(granted, true); // unanswered trials presumed lost: a new round
      permitsLeft = rules.trialRequests() - trialSuccesses - 1;
      grantsThisRound = trialSuccesses + 1;
      lastGrant = now;
    } else {
      expect(granted, false);
    }
  }

  private void reportWhileClosed(Outcome outcome, long now) {
    consecutive5xx = outcome.isFailure() ? consecutive5xx + 1 : 0;
    consecutiveGateway = outcome == Outcome.GATEWAY_FAILURE ? consecutiveGateway + 1 : 0;
    boolean consecutiveTrip =
        (settings.consecutive5xx() > 0 && consecutive5xx >= settings.consecutive5xx())
        || (settings.consecutiveGatewayFailures() > 0
            && consecutiveGateway >= settings.consecutiveGatewayFailures());
    breaker.onOutcome(outcome);
    if (breaker.state() == CLOSED) {
      assertThat(consecutiveTrip).as("a consecutive trigger fired but no ejection").isFalse();
      expectTransitions();
      return;
    }
    assertThat(outcome.isFailure()).as("OPEN only after a failure").isTrue();
    assertThat(consecutiveTrip || settings.failureRatePercent() > 0)
        .as("OPEN only after a trigger").isTrue();
    expectTransitions("CLOSED->OPEN");
    long decayed = (now - closedAt) / rules.baseEjectionNanos();
    openAt(now, (int) Math.max(0, closedEjections - decayed));
  }

  private void reportWhileHalfOpen(Outcome outcome, long now) {
    breaker.onOutcome(outcome);
    if (outcome.isFailure()) {
      expectTransitions("HALF_OPEN->OPEN");
      openAt(now, ejections);
    } else if (++trialSuccesses == rules.trialRequests()) {
      expectTransitions("HALF_OPEN->CLOSED");
      closedEjections = ejections;
      closedAt = now;
      consecutive5xx = 0;
      consecutiveGateway = 0;
    } else {
      expectTransitions();
    }
  }

  private void openAt(long now, int previousEjections) {
    ejections = Math.min(previousEjections + 1, rules.maxMultiplier());
    assertThat(breaker.ejections()).isEqualTo(ejections);
    openedAt = now;
    openFor = Math.min(rules.baseEjectionNanos() * ejections, rules.maxEjectionNanos());
    assertThat(openFor).isBetween(rules.baseEjectionNanos(), rules.maxEjectionNanos());
  }

  private static void expect(boolean granted, boolean expected) {
    assertThat(granted).as("dispatch granted").isEqualTo(expected);
  }

  private void expectTransitions(String... expected) {
    assertThat(transitions).containsExactly(expected);
    transitions.clear();
  }

  @Override
  public String toString() {
    return "BreakerModel[" + settings + ", now=" + ticker.read() + ", " + breaker + "]";
  }
}
