package io.inferoute.policy;

/**
 * How a route picks an endpoint among its eligible candidates: Inferoute's own pipeline, or one of
 * the strategies its peers use, kept as baselines so the placement lab can run them through the
 * real gateway.
 *
 * <p>Every strategy sees the same candidates: the model's endpoints after the static filters
 * (tier, residency, hardware), the proxy's subset hint and the circuit breaker (with the same panic
 * rule). Only {@link #INFEROUTE} then applies the saturation and budget filters, the SLO and the
 * weighted scorers.
 */
public enum PlacementStrategy {
  /** Inferoute's pipeline: saturation and budget filters, scorers, SLO, owner bonus. */
  INFEROUTE,
  /** Envoy {@code ROUND_ROBIN}: each eligible candidate in turn. */
  ROUND_ROBIN,
  /** Envoy {@code RANDOM}: uniform over the eligible candidates. */
  RANDOM,
  /** Envoy {@code LEAST_REQUEST}: the fewer in-flight of two random candidates. */
  LEAST_REQUEST,
  /**
   * The Gateway API Inference Extension / llm-d default scheduler: queue, KV-cache utilisation and
   * approximate prefix-cache scorers, highest total wins.
   */
  PREFIX_AFFINITY;

  /** True for the peers' strategies, which do not use Inferoute's filters beyond health or its scorers. */
  public boolean baseline() {
    return this != INFEROUTE;
  }

  /**
   * The policy-file spelling: {@code inferoute}, {@code round-robin}, {@code random},
   * {@code least-request}, {@code prefix-affinity}.
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
