package io.inferoute.policy;

/** What a route optimises for; each objective has default scorer weights. */
public enum Objective {
  /** Lowest predicted TTFT within the SLO. */
  LATENCY(new ScoreWeights(0.5, 0.2, 0.2, 0.05, 0.05)),
  /** Cheapest endpoint that still meets the SLO. */
  COST(new ScoreWeights(0.2, 0.1, 0.1, 0.6, 0.0)),
  /** Closest to where the request (and its data) comes from. */
  DATA_GRAVITY(new ScoreWeights(0.2, 0.1, 0.1, 0.0, 0.6)),
  /** Everything in moderation. */
  BALANCED(new ScoreWeights(0.3, 0.2, 0.2, 0.15, 0.15));

  private final ScoreWeights defaultWeights;

  Objective(ScoreWeights defaultWeights) {
    this.defaultWeights = defaultWeights;
  }

  /** The weights a route with this objective uses unless it gives its own. */
  public ScoreWeights defaultWeights() {
    return defaultWeights;
  }

  /** The policy-file spelling: {@code latency}, {@code cost}, {@code data-gravity}, {@code balanced}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
