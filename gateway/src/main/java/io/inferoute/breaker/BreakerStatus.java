package io.inferoute.breaker;

import org.jspecify.annotations.Nullable;

/**
 * One immutable state of a breaker, counters included; transitions are pure functions returning the
 * next status (or {@code this} when nothing changes), which the breaker installs by CAS.
 *
 * <p>Times are {@link io.inferoute.time.Ticker} nanoseconds and only ever compared as differences,
 * so the ticker's origin does not matter.
 */
sealed interface BreakerStatus permits ClosedStatus, OpenStatus, HalfOpenStatus, RetiredStatus {
  /** The state this status reports. */
  BreakerState state();

  /** Whether a request would be admitted at {@code now}; no side effect. */
  boolean allows(long now, BreakerRules rules);

  /** The status once a request is admitted at {@code now} ({@code this} if unchanged), or null if refused. */
  @Nullable BreakerStatus afterDispatch(long now, BreakerRules rules);

  /** The status once {@code outcome} is reported at {@code now} ({@code this} if unchanged). */
  BreakerStatus afterOutcome(Outcome outcome, long now, BreakerRules rules);

  /** Ejections that still count toward the back-off multiplier at {@code now}. */
  int ejections(long now, BreakerRules rules);

  /** Whether this status holds one unit of the fleet's ejection budget. */
  boolean holdsBudget();
}
