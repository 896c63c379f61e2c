package io.inferoute.breaker;

import static io.inferoute.breaker.BreakerState.CLOSED;
import static io.inferoute.breaker.BreakerState.HALF_OPEN;
import static io.inferoute.breaker.BreakerState.OPEN;
import static io.inferoute.breaker.Outcome.FAILURE_5XX;
import static io.inferoute.breaker.Outcome.GATEWAY_FAILURE;
import static io.inferoute.breaker.Outcome.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  static final Duration BASE = Duration.ofSeconds(30);
  static final Duration MAX = Duration.ofSeconds(300);

  final FakeTicker ticker = new FakeTicker();
  final EjectionBudget budget = EjectionBudget.create(10);

  static BreakerSettings settings(int c5xx, int cGateway, int ratePercent, int minRequests,
      int trials) {
    return new BreakerSettings(c5xx, cGateway, Duration.ofSeconds(10), ratePercent, minRequests,
        BASE, MAX, 10, trials, 50);
  }

  CircuitBreaker breaker(BreakerSettings settings) {
    return CircuitBreaker.create("edge-1", settings, ticker, budget);
  }

  static void report(CircuitBreaker b, Outcome outcome, int times) {
    for (int i = 0; i < times; i++) {
      b.onOutcome(outcome);
    }
  }

  /** Ejects a default breaker, lets the ejection elapse and takes the first trial. */
  void openThenHalfOpen(CircuitBreaker b) {
    report(b, FAILURE_5XX, 5);
    ticker.advance(MAX);
    assertThat(b.tryDispatch()).isTrue();
    assertThat(b.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void startsClosedAndAdmitsEverything() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    assertThat(b.state()).isEqualTo(CLOSED);
    assertThat(b.allowsRequests()).isTrue();
    assertThat(b.tryDispatch()).isTrue();
    assertThat(b.ejections()).isZero();
  }

  @Test
  void ejectsAfterFiveConsecutive5xx() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    report(b, FAILURE_5XX, 4);
    assertThat(b.state()).isEqualTo(CLOSED);

    b.onOutcome(FAILURE_5XX);

    assertThat(b.state()).isEqualTo(OPEN);
    assertThat(b.allowsRequests()).isFalse();
    assertThat(b.tryDispatch()).isFalse();
    assertThat(b.ejections()).isEqualTo(1);
    assertThat(budget.ejected()).isEqualTo(1);
  }

  @Test
  void successResetsTheConsecutiveCounters() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    report(b, GATEWAY_FAILURE, 4);
    b.onOutcome(SUCCESS);
    report(b, GATEWAY_FAILURE, 4);
    assertThat(b.state()).isEqualTo(CLOSED);
  }

  @Test
  void gatewayFailuresCountTowardConsecutive5xx() {
    CircuitBreaker b = breaker(settings(5, 0, 0, 20, 1));
    report(b, GATEWAY_FAILURE, 2);
    report(b, FAILURE_5XX, 2);
    b.onOutcome(GATEWAY_FAILURE);
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void ejectsAfterConsecutiveGatewayFailuresAlone() {
    CircuitBreaker b = breaker(settings(0, 3, 0, 20, 1));
    report(b, GATEWAY_FAILURE, 2);
    assertThat(b.state()).isEqualTo(CLOSED);
    b.onOutcome(GATEWAY_FAILURE);
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void plain5xxBreaksARunOfGatewayFailures() {
    CircuitBreaker b = breaker(settings(0, 3, 0, 20, 1));
    report(b, GATEWAY_FAILURE, 2);
    b.onOutcome(FAILURE_5XX);
    report(b, GATEWAY_FAILURE, 2);
    assertThat(b.state()).isEqualTo(CLOSED);
  }

  @Test
  void zeroDisablesEveryTrigger() {
    CircuitBreaker b = breaker(settings(0, 0, 0, 1, 1));
    report(b, GATEWAY_FAILURE, 1000);
    assertThat(b.state()).isEqualTo(CLOSED);
  }

  @Test
  void ejectsOnFailureRateOnceMinimumRequestsAreSeen() {
    CircuitBreaker b = breaker(settings(0, 0, 50, 10, 1));
    report(b, FAILURE_5XX, 5);
    report(b, SUCCESS, 4);
    assertThat(b.state()).as("9 requests, below the minimum").isEqualTo(CLOSED);

    b.onOutcome(SUCCESS);
    assertThat(b.state()).as("10 requests, 50%% failures, but only checked on a failure")
        .isEqualTo(CLOSED);
    b.onOutcome(FAILURE_5XX);
    assertThat(b.state()).as("6 of 11 failed").isEqualTo(OPEN);
  }

  @Test
  void staysClosedWhileFailureRateIsBelowThreshold() {
    CircuitBreaker b = breaker(settings(0, 0, 50, 10, 1));
    for (int i = 0; i < 100; i++) {
      b.onOutcome(SUCCESS);
      b.onOutcome(SUCCESS);
      b.onOutcome(FAILURE_5XX);
    }
    assertThat(b.state()).isEqualTo(CLOSED);
  }

  @Test
  void failureRateForgetsOutcomesOlderThanTheInterval() {
    CircuitBreaker b = breaker(settings(0, 0, 50, 10, 1));
    report(b, FAILURE_5XX, 9);
    ticker.advance(Duration.ofSeconds(11));

    b.onOutcome(FAILURE_5XX);

    assertThat(b.state()).isEqualTo(CLOSED);
    report(b, FAILURE_5XX, 9);
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void failureRateWindowSlidesBucketByBucket() {
    CircuitBreaker b = breaker(settings(0, 0, 50, 10, 1));
    report(b, SUCCESS, 10);
    ticker.advance(Duration.ofSeconds(5));
    report(b, FAILURE_5XX, 9);
    assertThat(b.state()).as("9 of 19 failed").isEqualTo(CLOSED);

    ticker.advance(Duration.ofSeconds(5)); // the ten successes fall out of the window

    b.onOutcome(FAILURE_5XX);
    assertThat(b.state()).as("10 of 10 failed").isEqualTo(OPEN);
  }

  @Test
  void openRefusesRequestsUntilItsEjectionTimeElapses() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    report(b, FAILURE_5XX, 5);

    ticker.advance(BASE.minusNanos(1));
    assertThat(b.allowsRequests()).isFalse();
    assertThat(b.tryDispatch()).isFalse();

    ticker.advance(1);
    assertThat(b.allowsRequests()).isTrue();
    assertThat(b.state()).as("allowsRequests has no side effect").isEqualTo(OPEN);
    assertThat(b.tryDispatch()).isTrue();
    assertThat(b.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void outcomesWhileOpenAreIgnored() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    report(b, FAILURE_5XX, 5);
    report(b, SUCCESS, 10);
    report(b, FAILURE_5XX, 10);
    assertThat(b.state()).isEqualTo(OPEN);
    assertThat(b.ejections()).isEqualTo(1);
  }

  @Test
  void halfOpenHandsOutOnlyItsTrialPermits() {
    CircuitBreaker b = breaker(settings(5, 5, 0, 20, 3));
    report(b, FAILURE_5XX, 5);
    ticker.advance(BASE);

    assertThat(b.tryDispatch()).isTrue();
    assertThat(b.allowsRequests()).isTrue();
    assertThat(b.tryDispatch()).isTrue();
    assertThat(b.tryDispatch()).isTrue();

    assertThat(b.allowsRequests()).isFalse();
    assertThat(b.tryDispatch()).isFalse();
    assertThat(b.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void closesAfterEnoughTrialSuccessesAndReleasesTheBudget() {
    CircuitBreaker b = breaker(settings(5, 5, 0, 20, 2));
    report(b, FAILURE_5XX, 5);
    ticker.advance(BASE);
    b.tryDispatch();
    b.tryDispatch();

    b.onOutcome(SUCCESS);
    assertThat(b.state()).isEqualTo(HALF_OPEN);
    assertThat(budget.ejected()).as("half-open still holds its budget").isEqualTo(1);

    b.onOutcome(SUCCESS);
    assertThat(b.state()).isEqualTo(CLOSED);
    assertThat(budget.ejected()).isZero();
    assertThat(b.ejections()).as("back-off still remembered").isEqualTo(1);
  }

  @Test
  void failedTrialReopensForTwiceTheBaseEjectionTime() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    openThenHalfOpen(b);

    b.onOutcome(GATEWAY_FAILURE);

    assertThat(b.state()).isEqualTo(OPEN);
    assertThat(b.ejections()).isEqualTo(2);
    assertThat(budget.ejected()).isEqualTo(1);
    ticker.advance(BASE.multipliedBy(2).minusNanos(1));
    assertThat(b.allowsRequests()).isFalse();
    ticker.advance(1);
    assertThat(b.allowsRequests()).isTrue();
  }

  @Test
  void ejectionTimeIsCappedAtMaxEjectionTime() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    openThenHalfOpen(b);
    for (int i = 0; i < 20; i++) {
      b.onOutcome(FAILURE_5XX);
      ticker.advance(MAX);
      assertThat(b.tryDispatch()).as("never open longer than max").isTrue();
    }
    assertThat(b.ejections()).as("stops growing once base x n reaches max").isEqualTo(10);

    b.onOutcome(FAILURE_5XX);
    ticker.advance(MAX.minusNanos(1));
    assertThat(b.allowsRequests()).isFalse();
  }

  @Test
  void multiplierDecaysByOneEveryBaseEjectionTimeWhileHealthy() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    openThenHalfOpen(b);
    b.onOutcome(FAILURE_5XX); // second ejection
    ticker.advance(MAX);
    b.tryDispatch();
    b.onOutcome(SUCCESS);
    assertThat(b.state()).isEqualTo(CLOSED);
    assertThat(b.ejections()).isEqualTo(2);

    ticker.advance(BASE);
    assertThat(b.ejections()).isEqualTo(1);
    ticker.advance(BASE);
    assertThat(b.ejections()).isZero();

    report(b, FAILURE_5XX, 5);
    assertThat(b.ejections()).as("fully decayed: back to the base ejection time").isEqualTo(1);
  }

  @Test
  void ejectionAfterPartialDecayUsesTheDecayedMultiplier() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    openThenHalfOpen(b);
    b.onOutcome(FAILURE_5XX);
    ticker.advance(MAX);
    b.tryDispatch();
    b.onOutcome(SUCCESS); // closed with 2 ejections counting
    ticker.advance(BASE);

    report(b, FAILURE_5XX, 5);

    assertThat(b.ejections()).isEqualTo(2);
    ticker.advance(BASE.multipliedBy(2).minusNanos(1));
    assertThat(b.allowsRequests()).isFalse();
  }

  @Test
  void lostTrialsAreHandedOutAgainAfterBaseEjectionTime() {
    CircuitBreaker b = breaker(settings(5, 5, 0, 20, 2));
    report(b, FAILURE_5XX, 5);
    ticker.advance(BASE);
    b.tryDispatch();
    b.tryDispatch();
    b.onOutcome(SUCCESS); // the other trial never reports

    ticker.advance(BASE.minusNanos(1));
    assertThat(b.tryDispatch()).isFalse();
    ticker.advance(1);
    assertThat(b.allowsRequests()).isTrue();
    assertThat(b.tryDispatch()).as("the one unanswered permit, again").isTrue();
    assertThat(b.tryDispatch()).isFalse();

    b.onOutcome(SUCCESS);
    assertThat(b.state()).isEqualTo(CLOSED);
  }

  @Test
  void refusedEjectionStaysClosedAndNeedsFreshEvidence() {
    budget.setFleetSize(10);
    assertThat(budget.tryEject()).isTrue(); // someone else holds the fleet's only slot
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);

    report(b, FAILURE_5XX, 5);
    assertThat(b.state()).isEqualTo(CLOSED);
    assertThat(budget.ejected()).isEqualTo(1);

    budget.release();
    report(b, FAILURE_5XX, 4);
    assertThat(b.state()).as("counters were cleared by the refusal").isEqualTo(CLOSED);
    b.onOutcome(FAILURE_5XX);
    assertThat(b.state()).isEqualTo(OPEN);
    assertThat(budget.ejected()).isEqualTo(1);
  }

  @Test
  void releaseGivesBackTheBudgetOnceAndRetiresTheBreaker() {
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    report(b, FAILURE_5XX, 5);
    assertThat(budget.ejected()).isEqualTo(1);

    b.release();
    b.release();

    assertThat(budget.ejected()).isZero();
    ticker.advance(MAX);
    assertThat(b.tryDispatch()).isTrue();
    report(b, FAILURE_5XX, 10);
    assertThat(budget.ejected()).as("a retired breaker never takes budget").isZero();
  }

  @Test
  void releaseOfAClosedBreakerLeavesOthersBudgetAlone() {
    assertThat(budget.tryEject()).isTrue();
    CircuitBreaker b = breaker(BreakerSettings.DEFAULT);
    b.release();
    assertThat(budget.ejected()).isEqualTo(1);
  }

  @Test
  void worksWhenTheTickerValueWrapsAround() {
    ticker.advance(Long.MAX_VALUE - Duration.ofSeconds(5).toNanos());
    CircuitBreaker b = breaker(settings(0, 0, 50, 10, 1));
    report(b, SUCCESS, 5);
    ticker.advance(Duration.ofSeconds(6)); // past Long.MAX_VALUE

    report(b, FAILURE_5XX, 5);

    assertThat(b.state()).isEqualTo(OPEN);
    ticker.advance(BASE.minusNanos(1));
    assertThat(b.allowsRequests()).isFalse();
    ticker.advance(1);
    assertThat(b.tryDispatch()).isTrue();
  }
}
