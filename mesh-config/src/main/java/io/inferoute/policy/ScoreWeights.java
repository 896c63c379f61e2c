package io.inferoute.policy;

import io.inferoute.internal.Checks;

/**
 * Relative weights of the scorers; they are normalised to sum to 1, so only ratios matter.
 *
 * @param latency predicted TTFT against the route's SLO
 * @param load in-flight and queued work relative to capacity
 * @param affinity prompt-prefix (KV-cache) match
 * @param cost price per token
 * @param gravity closeness of the endpoint to the request's origin
 */
public record ScoreWeights(double latency, double load, double affinity, double cost, double gravity) {
  public ScoreWeights {
    Checks.nonNegative("weights.latency", latency);
    Checks.nonNegative("weights.load", load);
    Checks.nonNegative("weights.affinity", affinity);
    Checks.nonNegative("weights.cost", cost);
    Checks.nonNegative("weights.gravity", gravity);
    if (latency + load + affinity + cost + gravity <= 0) {
      throw new IllegalArgumentException(
          "weights: all zero (expected: at least one weight > 0)");
    }
  }

  /** The same ratios, summing to 1. */
  public ScoreWeights normalised() {
    double sum = latency + load + affinity + cost + gravity;
    return new ScoreWeights(latency / sum, load / sum, affinity / sum, cost / sum, gravity / sum);
  }
}
