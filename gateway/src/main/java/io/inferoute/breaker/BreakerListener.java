package io.inferoute.breaker;

/**
 * Told about every state change of a {@link CircuitBreaker}, once, after the change took effect.
 *
 * <p>Called on whichever thread caused the change, outside any lock; a listener that throws is
 * logged and otherwise ignored. Listeners of one breaker may see changes made on different threads
 * in a different order than they happened.
 */
@FunctionalInterface
public interface BreakerListener {
  /** The breaker of {@code endpointName} moved from {@code from} to {@code to}. */
  void onTransition(String endpointName, BreakerState from, BreakerState to);
}
