package io.inferoute.breaker;

import org.jspecify.annotations.Nullable;

/**
 * HALF_OPEN: trial requests are let through, one per permit; enough successes close the breaker,
 * any failure re-opens it. Keeps the budget unit the ejection took.
 *
 * @param ejections the back-off multiplier carried over from the ejection
 * @param grantedAt when the last permit was handed out
 * @param permitsLeft permits not yet handed out
 * @param successes trials that succeeded so far (always fewer than the trial count)
 */
record HalfOpenStatus(int ejections, long grantedAt, int permitsLeft, int successes)
    implements BreakerStatus {

  /** The probation that begins with the first trial being handed out at {@code now}. */
  static HalfOpenStatus firstTrial(int ejections, long now, BreakerRules rules) {
    return new HalfOpenStatus(ejections, now, rules.trialRequests() - 1, 0);
  }

  @Override
  public BreakerState state() {
    return BreakerState.HALF_OPEN;
  }

  @Override
  public boolean allows(long now, BreakerRules rules) {
    return permitsLeft > 0 || trialsLost(now, rules);
  }

  @Override
  public @Nullable BreakerStatus afterDispatch(long now, BreakerRules rules) {
    if (permitsLeft > 0) {
      return new HalfOpenStatus(ejections, now, permitsLeft - 1, successes);
    }
    if (trialsLost(now, rules)) {
      // Every permit not yet answered is handed out again, this dispatch taking the first.
      return new HalfOpenStatus(ejections, now, rules.trialRequests() - successes - 1, successes);
    }
    return null;
  }

  @Override
  public BreakerStatus afterOutcome(Outcome outcome, long now, BreakerRules rules) {
    if (outcome.isFailure()) {
      return OpenStatus.eject(ejections, now, rules);
    }
    int succeeded = successes + 1;
    return succeeded >= rules.trialRequests()
        ? ClosedStatus.fresh(ejections, now, rules)
        : new HalfOpenStatus(ejections, grantedAt, permitsLeft, succeeded);
  }

  @Override
  public int ejections(long now, BreakerRules rules) {
    return ejections;
  }

  @Override
  public boolean holdsBudget() {
    return true;
  }

  /** All permits are out and none has been answered for a base ejection time: presume them lost. */
  private boolean trialsLost(long now, BreakerRules rules) {
    return permitsLeft == 0 && now - grantedAt >= rules.baseEjectionNanos();
  }
}
