package io.inferoute.routing;

/**
 * Hears of every decision and how long it took, for metrics. Called on the deciding thread right
 * after the decision: it must be fast and must not block.
 */
@FunctionalInterface
public interface DecisionObserver {
  /** A decision was made in {@code durationNanos}. */
  void onDecision(Decision decision, long durationNanos);
}
