package io.inferoute.breaker;

import org.jspecify.annotations.Nullable;

/**
 * The endpoint left the fleet: the last status is frozen for reporting, outcomes are ignored, no
 * transition happens and no budget is held.
 */
record RetiredStatus(BreakerStatus last) implements BreakerStatus {

  @Override
  public BreakerState state() {
    return last.state();
  }

  @Override
  public boolean allows(long now, BreakerRules rules) {
    return last.allows(now, rules);
  }

  @Override
  public @Nullable BreakerStatus afterDispatch(long now, BreakerRules rules) {
    return allows(now, rules) ? this : null;
  }

  @Override
  public BreakerStatus afterOutcome(Outcome outcome, long now, BreakerRules rules) {
    return this;
  }

  @Override
  public int ejections(long now, BreakerRules rules) {
    return last.ejections(now, rules);
  }

  @Override
  public boolean holdsBudget() {
    return false;
  }
}
