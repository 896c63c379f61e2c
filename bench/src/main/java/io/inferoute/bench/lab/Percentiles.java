package io.inferoute.bench.lab;

import java.util.Arrays;

/**
 * Exact percentiles by the nearest-rank method: of n values sorted ascending, the p-th percentile
 * is the value at 1-based rank {@code ceil(p / 100 × n)} (the smallest value with at least p% of
 * the values at or below it); no interpolation, so every figure is a value that was measured.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The p-th percentile of {@code values} (not modified), or NaN when there are none.
   *
   * @throws IllegalArgumentException if p is not in (0, 100]
   */
  public static double nearestRank(long[] values, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p: " + p + " (expected: in (0, 100])");
    }
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}
