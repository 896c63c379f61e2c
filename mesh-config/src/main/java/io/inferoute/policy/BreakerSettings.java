package io.inferoute.policy;

import io.inferoute.internal.Checks;
import java.time.Duration;

/**
 * Per-endpoint circuit breaking, after Envoy's outlier detection.
 *
 * @param consecutive5xx 5xx responses in a row that eject an endpoint (0 disables)
 * @param consecutiveGatewayFailures 502/503/504, connect errors and resets in a row that eject
 *     (0 disables)
 * @param interval the failure-rate window
 * @param failureRatePercent failure rate over the window that ejects (0 disables)
 * @param failureRateMinimumRequests requests in the window before the rate counts
 * @param baseEjectionTime ejection lasts base × number of ejections so far
 * @param maxEjectionTime the cap on one ejection
 * @param maxEjectionPercent at most this share of a fleet is ejected at once
 * @param halfOpenTrialRequests trial requests let through after an ejection ends
 * @param healthyPanicThresholdPercent below this share of healthy endpoints, health is ignored
 */
public record BreakerSettings(
    int consecutive5xx,
    int consecutiveGatewayFailures,
    Duration interval,
    int failureRatePercent,
    int failureRateMinimumRequests,
    Duration baseEjectionTime,
    Duration maxEjectionTime,
    int maxEjectionPercent,
    int halfOpenTrialRequests,
    int healthyPanicThresholdPercent) {

  /** Envoy's outlier-detection defaults where it has them; failure rate off by default. */
  public static final BreakerSettings DEFAULT = new BreakerSettings(5, 5, Duration.ofSeconds(10),
      0, 20, Duration.ofSeconds(30), Duration.ofSeconds(300), 10, 1, 50);

  public BreakerSettings {
    Checks.atLeast("breaker.consecutive5xx", consecutive5xx, 0);
    Checks.atLeast("breaker.consecutiveGatewayFailures", consecutiveGatewayFailures, 0);
    Checks.positive("breaker.interval", interval);
    Checks.between("breaker.failureRatePercent", failureRatePercent, 0, 100);
    Checks.atLeast("breaker.failureRateMinimumRequests", failureRateMinimumRequests, 1);
    Checks.positive("breaker.baseEjectionTime", baseEjectionTime);
    Checks.positive("breaker.maxEjectionTime", maxEjectionTime);
    if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
      throw new IllegalArgumentException("breaker.maxEjectionTime: " + maxEjectionTime
          + " (expected: >= baseEjectionTime " + baseEjectionTime + ")");
    }
    Checks.between("breaker.maxEjectionPercent", maxEjectionPercent, 0, 100);
    Checks.atLeast("breaker.halfOpenTrialRequests", halfOpenTrialRequests, 1);
    Checks.between("breaker.healthyPanicThresholdPercent", healthyPanicThresholdPercent, 0, 100);
  }
}
