package io.inferoute.breaker;

/**
 * Envoy's {@code healthy_panic_threshold}: when too few endpoints are healthy, routing ignores
 * health altogether rather than piling all traffic onto the few survivors.
 */
public final class PanicMode {
  private PanicMode() {}

  /**
   * Envoy's healthy_panic_threshold: true when fewer than {@code thresholdPercent}% of {@code total}
   * are healthy (so health is ignored). A threshold of 0 disables panic mode, and an empty fleet is
   * never in panic.
   */
  public static boolean inPanic(int healthy, int total, int thresholdPercent) {
    if (total < 0) {
      throw new IllegalArgumentException("total: " + total + " (expected: >= 0)");
    }
    if (healthy < 0 || healthy > total) {
      throw new IllegalArgumentException(
          "healthy: " + healthy + " (expected: 0.." + total + ")");
    }
    if (thresholdPercent < 0 || thresholdPercent > 100) {
      throw new IllegalArgumentException(
          "thresholdPercent: " + thresholdPercent + " (expected: 0..100)");
    }
    return (long) healthy * 100 < (long) thresholdPercent * total;
  }
}
