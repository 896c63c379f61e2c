package io.inferoute.breaker;

/**
 * CLOSED: every request goes through; consecutive failures and the failure window are counted.
 *
 * @param ejections the back-off multiplier at {@code decayFrom}
 * @param decayFrom when the multiplier started decaying (when the breaker last closed)
 */
record ClosedStatus(
    int ejections, long decayFrom, int consecutive5xx, int consecutiveGateway, FailureWindow window)
    implements BreakerStatus {

  /** A breaker that just closed with {@code ejections} still counting toward back-off. */
  static ClosedStatus fresh(int ejections, long now, BreakerRules rules) {
    return new ClosedStatus(ejections, now, 0, 0, FailureWindow.empty(rules));
  }

  @Override
  public BreakerState state() {
    return BreakerState.CLOSED;
  }

  @Override
  public boolean allows(long now, BreakerRules rules) {
    return true;
  }

  @Override
  public BreakerStatus afterDispatch(long now, BreakerRules rules) {
    return this;
  }

  /** Counts the outcome; an {@link OpenStatus} means a trigger fired and budget must be taken. */
  @Override
  public BreakerStatus afterOutcome(Outcome outcome, long now, BreakerRules rules) {
    int c5xx = outcome.isFailure() ? saturatedIncrement(consecutive5xx) : 0;
    int cGateway = outcome == Outcome.GATEWAY_FAILURE ? saturatedIncrement(consecutiveGateway) : 0;
    // The window counts time from decayFrom, which is fixed for the window's whole life: its buckets
    // then do not depend on the ticker's origin (nor break if the ticker's value wraps around).
    FailureWindow w = window.record(now - decayFrom, outcome.isFailure(), rules);
    if (outcome.isFailure() && trips(c5xx, cGateway, w, rules)) {
      return OpenStatus.eject(ejections(now, rules), now, rules);
    }
    if (c5xx == consecutive5xx && cGateway == consecutiveGateway && w == window) {
      return this; // the common all-healthy case allocates nothing
    }
    return new ClosedStatus(ejections, decayFrom, c5xx, cGateway, w);
  }

  /** This status after the budget refused an ejection: all evidence is cleared, back-off kept. */
  ClosedStatus ejectionRefused(BreakerRules rules) {
    return new ClosedStatus(ejections, decayFrom, 0, 0, FailureWindow.empty(rules));
  }

  @Override
  public int ejections(long now, BreakerRules rules) {
    // A thread may have read the ticker just before another installed this status: clamp at 0.
    long healthyFor = Math.max(0, now - decayFrom);
    long decayed = healthyFor / rules.baseEjectionNanos();
    return (int) Math.max(0, ejections - decayed);
  }

  @Override
  public boolean holdsBudget() {
    return false;
  }

  private static boolean trips(int c5xx, int cGateway, FailureWindow w, BreakerRules rules) {
    return (rules.consecutive5xx() > 0 && c5xx >= rules.consecutive5xx())
        || (rules.consecutiveGatewayFailures() > 0 && cGateway >= rules.consecutiveGatewayFailures())
        || w.trips(rules);
  }

  private static int saturatedIncrement(int count) {
    return count == Integer.MAX_VALUE ? count : count + 1;
  }

}
