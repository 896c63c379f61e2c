package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;
import java.util.Arrays;
import java.util.List;

/**
 * Where a request goes: the primary endpoint and an ordered fallback list.
 *
 * <p>The fallback list holds no duplicates and never the primary; it follows the route's tier order
 * (e.g. edge, then regional, then cloud), best score first within a tier.
 */
public final class Placement implements Decision {
  private final String route;
  private final Endpoint primary;
  private final Endpoint[] fallbacks;
  private final boolean degraded;
  private final long predictedTtftNanos;
  private final double score;
  private final int matchedBlocks;
  private final int promptBlocks;

  Placement(String route, Endpoint primary, Endpoint[] fallbacks, boolean degraded,
      long predictedTtftNanos, double score, int matchedBlocks, int promptBlocks) {
    this.route = route;
    this.primary = primary;
    this.fallbacks = fallbacks;
    this.degraded = degraded;
    this.predictedTtftNanos = predictedTtftNanos;
    this.score = score;
    this.matchedBlocks = matchedBlocks;
    this.promptBlocks = promptBlocks;
  }

  @Override
  public String route() {
    return route;
  }

  public Endpoint primary() {
    return primary;
  }

  /** The fallbacks in order, primary excluded. */
  public List<Endpoint> fallbacks() {
    return Arrays.asList(fallbacks.clone());
  }

  /** Fallback count, without copying. */
  public int fallbackCount() {
    return fallbacks.length;
  }

  /** The i-th fallback, without copying. */
  public Endpoint fallback(int i) {
    return fallbacks[i];
  }

  /** True when no candidate was predicted to meet the route's SLO and the fastest was taken. */
  public boolean degraded() {
    return degraded;
  }

  /** The primary's predicted time to first token. */
  public long predictedTtftNanos() {
    return predictedTtftNanos;
  }

  /** The primary's weighted score, 0..1. */
  public double score() {
    return score;
  }

  /** Leading prompt blocks the primary was believed to hold in its KV cache. */
  public int matchedBlocks() {
    return matchedBlocks;
  }

  /** Complete prompt blocks hashed for affinity. */
  public int promptBlocks() {
    return promptBlocks;
  }

  /**
   * {@code ip:port,ip:port,…}, primary first: the value of the {@code envoy.lb} metadata key
   * {@code x-gateway-destination-endpoint} in the Endpoint Picker Protocol.
   */
  public String destinations() {
    StringBuilder sb = new StringBuilder(24 * (1 + fallbacks.length)).append(primary.address());
    for (Endpoint e : fallbacks) {
      sb.append(',').append(e.address());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Placement{route=" + route + ", primary=" + primary.name() + ", fallbacks="
        + Arrays.stream(fallbacks).map(Endpoint::name).toList() + (degraded ? ", degraded" : "") + "}";
  }
}
