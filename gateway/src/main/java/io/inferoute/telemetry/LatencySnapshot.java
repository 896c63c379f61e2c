package io.inferoute.telemetry;

/**
 * Percentiles of one latency metric over the sliding window, in nanoseconds; immutable.
 *
 * @param count values in the window; 0 means nothing is known and every percentile is 0
 */
public record LatencySnapshot(
    long count, long p50Nanos, long p90Nanos, long p95Nanos, long p99Nanos, long maxNanos,
    double meanNanos) {
  /** Nothing measured yet. */
  public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0, 0);

  /** True when the window holds at least one value. */
  public boolean known() {
    return count > 0;
  }
}
