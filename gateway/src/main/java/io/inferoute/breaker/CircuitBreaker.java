package io.inferoute.breaker;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.time.Ticker;
import java.util.Objects;

/**
 * A per-endpoint circuit breaker with the semantics of Envoy's outlier detection plus half-open
 * trial requests.
 *
 * <h2>Ejection triggers (only while CLOSED)</h2>
 * <ul>
 *   <li>{@code consecutive5xx} failures in a row ({@link Outcome#FAILURE_5XX} or {@link
 *       Outcome#GATEWAY_FAILURE}); 0 disables.
 *   <li>{@code consecutiveGatewayFailures} gateway failures in a row; a {@code FAILURE_5XX} breaks
 *       the run, as in Envoy; 0 disables.
 *   <li>failure rate: over the last {@code interval}, when requests ≥ {@code
 *       failureRateMinimumRequests} and failures × 100 ≥ {@code failureRatePercent} × requests; 0
 *       disables; checked whenever a failure is reported. The window is ten buckets of {@code
 *       interval / 10}, rolled by the ticker, so it covers between 90% and 100% of the interval.
 *       Its counts live in the immutable state (see below).
 * </ul>
 * A {@link Outcome#SUCCESS} resets both consecutive counters.
 *
 * <h2>Ejection and back-off</h2>
 * An ejection needs one unit of the fleet's {@link EjectionBudget}. If granted, the breaker is OPEN
 * for {@code min(baseEjectionTime × ejections, maxEjectionTime)}, where {@code ejections} counts
 * this one. If refused, the breaker stays CLOSED and <em>clears its consecutive counters and failure
 * window</em>: the endpoint must gather fresh evidence before another ejection is attempted, so a
 * full budget is not asked again on every failure. As Envoy does, the multiplier stops growing once
 * {@code baseEjectionTime × ejections} reaches {@code maxEjectionTime}, and while CLOSED it decays by
 * one for every {@code baseEjectionTime} that passes (computed lazily from timestamps).
 *
 * <h2>Half-open trials</h2>
 * An OPEN breaker whose time has elapsed admits requests again ({@link #allowsRequests()}); the
 * first {@link #tryDispatch()} moves it to HALF_OPEN and takes the first of {@code
 * halfOpenTrialRequests} trial permits. When that many trials have succeeded it is CLOSED again; any
 * failure sends it back to OPEN with one more ejection. HALF_OPEN still holds its budget unit: the
 * endpoint has not proven itself yet, and releasing early would let another endpoint take the unit
 * and leave this one unable to re-open on a failed trial. The unit is released on the way to CLOSED
 * (or by {@link #release()}). If all permits are out and no trial outcome has arrived for {@code
 * baseEjectionTime} since the last one was handed out (say the client cancelled), the outstanding
 * permits are presumed lost and handed out again, so HALF_OPEN cannot wedge either.
 *
 * <p>Outcomes reported while OPEN are ignored (they belong to requests sent before the ejection).
 * Outcomes cannot be told apart by request, so a late outcome of a pre-ejection request that arrives
 * during HALF_OPEN counts as a trial.
 *
 * <h2>Concurrency</h2>
 * The whole state, counters included, is one immutable object in an {@code AtomicReference}, moved
 * by CAS; a transition and the counter reset that goes with it are therefore one atomic step.
 * {@link #allowsRequests()} and, while CLOSED, {@link #tryDispatch()} are a volatile read (plus a
 * ticker read when not CLOSED); reporting an outcome allocates one small state object. Listeners run
 * after the CAS, outside any lock.
 */
public interface CircuitBreaker {
  /** A CLOSED breaker for {@code endpointName} drawing ejections from {@code budget}. */
  static CircuitBreaker create(
      String endpointName, BreakerSettings settings, Ticker ticker, EjectionBudget budget) {
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(budget, "budget");
    return new NonBlockingCircuitBreaker(endpointName, BreakerRules.of(settings), ticker, budget);
  }

  /**
   * Side-effect free, cheap (one volatile read + a time compare): CLOSED → true; OPEN → true only
   * once its ejection time has elapsed; HALF_OPEN → true while trial permits remain. The router
   * filters candidates with this.
   */
  boolean allowsRequests();

  /**
   * Called when a request is actually sent to this endpoint. CLOSED → true. OPEN whose time elapsed
   * → CAS to HALF_OPEN and take a permit. HALF_OPEN → take a trial permit by CAS; false when none
   * is left (the caller then uses its next fallback).
   */
  boolean tryDispatch();

  /** Reports the outcome of a request sent after a successful {@link #tryDispatch()}. */
  void onOutcome(Outcome outcome);

  /** The current state; an OPEN breaker stays OPEN until a dispatch after its time has elapsed. */
  BreakerState state();

  /** Ejections so far that still count toward the back-off multiplier. */
  int ejections();

  /** Adds a listener told about every later transition. */
  void addListener(BreakerListener listener);

  /**
   * The endpoint left the fleet: give back any ejection budget it holds. Idempotent. Afterwards the
   * breaker is retired: it keeps its last state, ignores outcomes and never takes budget again.
   */
  void release();
}
