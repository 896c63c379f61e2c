package io.inferoute.breaker;

import org.jspecify.annotations.Nullable;

/**
 * OPEN: ejected for {@code durationNanos} from {@code openedAt}; afterwards the first dispatch
 * moves it to HALF_OPEN. Holds one unit of ejection budget.
 *
 * @param ejections the back-off multiplier, this ejection included
 */
record OpenStatus(int ejections, long openedAt, long durationNanos) implements BreakerStatus {

  /** The ejection that follows {@code previousEjections} still-counting ones, starting at {@code now}. */
  static OpenStatus eject(int previousEjections, long now, BreakerRules rules) {
    int multiplier = rules.nextMultiplier(previousEjections);
    return new OpenStatus(multiplier, now, rules.ejectionNanos(multiplier));
  }

  @Override
  public BreakerState state() {
    return BreakerState.OPEN;
  }

  @Override
  public boolean allows(long now, BreakerRules rules) {
    return now - openedAt >= durationNanos;
  }

  @Override
  public @Nullable BreakerStatus afterDispatch(long now, BreakerRules rules) {
    return allows(now, rules) ? HalfOpenStatus.firstTrial(ejections, now, rules) : null;
  }

  /** Outcomes while OPEN belong to requests sent before the ejection: ignored. */
  @Override
  public BreakerStatus afterOutcome(Outcome outcome, long now, BreakerRules rules) {
    return this;
  }

  @Override
  public int ejections(long now, BreakerRules rules) {
    return ejections;
  }

  @Override
  public boolean holdsBudget() {
    return true;
  }
}
