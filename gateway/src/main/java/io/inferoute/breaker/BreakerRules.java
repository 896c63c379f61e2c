package io.inferoute.breaker;

import io.inferoute.policy.BreakerSettings;
import java.time.Duration;

/** {@link BreakerSettings} compiled once into nanoseconds and limits, so transitions are arithmetic. */
record BreakerRules(
    int consecutive5xx,
    int consecutiveGatewayFailures,
    int failureRatePercent,
    int failureRateMinimumRequests,
    long bucketNanos,
    long baseEjectionNanos,
    long maxEjectionNanos,
    int maxMultiplier,
    int trialRequests) {

  /** Buckets of the failure-rate window. */
  static final int BUCKETS = 10;

  static BreakerRules of(BreakerSettings s) {
    long base = nanos(s.baseEjectionTime());
    long max = nanos(s.maxEjectionTime());
    // The smallest multiplier whose ejection time reaches the cap; growing past it changes nothing
    // but how long the multiplier takes to decay.
    long multiplier = max / base + (max % base == 0 ? 0 : 1);
    return new BreakerRules(s.consecutive5xx(), s.consecutiveGatewayFailures(),
        s.failureRatePercent(), s.failureRateMinimumRequests(),
        Math.max(1, nanos(s.interval()) / BUCKETS), base, max,
        (int) Math.min(Integer.MAX_VALUE, multiplier), s.halfOpenTrialRequests());
  }

  /** How long the {@code multiplier}-th ejection lasts: base × multiplier, capped at max. */
  long ejectionNanos(int multiplier) {
    if (multiplier > maxEjectionNanos / baseEjectionNanos) {
      return maxEjectionNanos;
    }
    return Math.min(baseEjectionNanos * multiplier, maxEjectionNanos);
  }

  /** The multiplier of the next ejection when {@code ejections} still count. */
  int nextMultiplier(int ejections) {
    return Math.min(ejections + 1, maxMultiplier);
  }

  boolean failureRateEnabled() {
    return failureRatePercent > 0;
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
