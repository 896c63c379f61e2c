package io.inferoute.istio;

import io.inferoute.internal.Checks;
import io.inferoute.policy.Locality;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the engine measured for one destination service in one locality, aggregated over its endpoints.
 *
 * @param service the destination service (the key of a {@link DestinationRuleTarget})
 * @param locality where these endpoints run
 * @param healthyEndpoints endpoints not ejected by the breaker; 0 leaves the locality out of the weights
 * @param capacity the sum of the healthy endpoints' {@code maxConcurrency}
 * @param inFlight requests running on them, as the router sees them
 * @param queued requests queued on them, as their model servers report
 * @param ttftP95Nanos time to first token, 95th percentile, or -1 when not measured
 * @param slo the TTFT objective of the routes served here, or null when none applies
 * @param errorRate failed share of recent requests, 0..1
 * @param costPerMillionTokens price per 1M tokens, in the policy's currency unit
 */
public record LocalityTelemetry(
    String service,
    Locality locality,
    int healthyEndpoints,
    int capacity,
    int inFlight,
    int queued,
    long ttftP95Nanos,
    @Nullable Duration slo,
    double errorRate,
    double costPerMillionTokens) {

  public LocalityTelemetry {
    Checks.name("service", service);
    Checks.atLeast("healthyEndpoints", healthyEndpoints, 0);
    Checks.atLeast("capacity", capacity, 0);
    Checks.atLeast("inFlight", inFlight, 0);
    Checks.atLeast("queued", queued, 0);
    if (ttftP95Nanos < -1) {
      throw new IllegalArgumentException("ttftP95Nanos: " + ttftP95Nanos + " (expected: >= 0, or -1 for unknown)");
    }
    if (slo != null && (slo.isNegative() || slo.isZero())) {
      throw new IllegalArgumentException("slo: " + slo + " (expected: a duration > 0, or null)");
    }
    Checks.fraction("errorRate", errorRate);
    Checks.nonNegative("costPerMillionTokens", costPerMillionTokens);
  }

  /** Whether traffic may be sent here at all. */
  public boolean healthy() {
    return healthyEndpoints > 0 && !locality.equals(Locality.UNKNOWN);
  }
}
