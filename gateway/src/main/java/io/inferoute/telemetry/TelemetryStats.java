package io.inferoute.telemetry;

/**
 * Cumulative result counters of one endpoint; immutable. Subtract an earlier snapshot with
 * {@link #minus(TelemetryStats)} to get the counts of a period.
 *
 * @param requests requests completed, successful or not
 * @param failures requests that failed
 */
public record TelemetryStats(long requests, long failures) {
  /** No requests. */
  public static final TelemetryStats ZERO = new TelemetryStats(0, 0);

  /** Checks that both counts are non-negative. */
  public TelemetryStats {
    requireNonNegative("requests", requests);
    requireNonNegative("failures", failures);
  }

  /**
   * The counts since {@code earlier}, each floored at 0 (the counters are read one after the other,
   * so two reads are not one atomic cut).
   */
  public TelemetryStats minus(TelemetryStats earlier) {
    return new TelemetryStats(
        Math.max(0, requests - earlier.requests), Math.max(0, failures - earlier.failures));
  }

  /** Failures per request, 0..1; 0 when there were no requests. */
  public double failureRate() {
    return requests == 0 ? 0 : Math.min(1.0, (double) failures / requests);
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }
}
