package io.inferoute.bench.lab;

import org.jspecify.annotations.Nullable;

/**
 * A placement strategy the lab compares, as a route of the gateway's policy spells it: the
 * route's {@code strategy} and, for Inferoute's own, its {@code objective}.
 */
public enum Strategy {
  ROUND_ROBIN("round robin", "round-robin", null),
  RANDOM("random", "random", null),
  LEAST_REQUEST("least request (P2C)", "least-request", null),
  PREFIX_AFFINITY("prefix affinity (GIE-like)", "prefix-affinity", null),
  LATENCY("Inferoute latency", "inferoute", "latency"),
  COST("Inferoute cost", "inferoute", "cost"),
  BALANCED("Inferoute balanced", "inferoute", "balanced"),
  DATA_GRAVITY("Inferoute data-gravity", "inferoute", "data-gravity");

  private final String label;
  private final String policyStrategy;
  private final @Nullable String objective;

  Strategy(String label, String policyStrategy, @Nullable String objective) {
    this.label = label;
    this.policyStrategy = policyStrategy;
    this.objective = objective;
  }

  /** The name in tables and plot legends. */
  public String label() {
    return label;
  }

  /** The route's {@code strategy:} value. */
  public String policyStrategy() {
    return policyStrategy;
  }

  /** The route's {@code objective:} value, or null for the baselines (which ignore it). */
  public @Nullable String objective() {
    return objective;
  }

  /** Whether this is one of Inferoute's own objectives rather than a peer's strategy. */
  public boolean inferoute() {
    return objective != null;
  }
}
