package io.inferoute.istio;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter: attempt n waits {@code min(max, base × 2^(n−1))}, scaled by a
 * random factor in [0.5, 1) so that replicas failing together do not retry together.
 *
 * @param base the first delay
 * @param max the longest delay
 * @param random uniform in [0, 1); tests pass a fixed value
 */
public record Backoff(Duration base, Duration max, DoubleSupplier random) {

  /** 1 s doubling to 2 min, with {@code Math.random} jitter. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), Math::random);
  }

  public Backoff {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff: base " + base + ", max " + max + " (expected: 0 < base <= max)");
    }
  }

  /** The wait after the {@code failures}-th consecutive failure (1 or more). */
  public Duration delay(int failures) {
    int doublings = Math.min(Math.max(0, failures - 1), 62);
    double nanos = Math.min((double) max.toNanos(), base.toNanos() * Math.pow(2, doublings));
    double jitter = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0), 1);
    return Duration.ofNanos((long) (nanos * jitter));
  }
}
