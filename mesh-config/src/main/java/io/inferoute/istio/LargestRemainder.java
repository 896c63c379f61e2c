package io.inferoute.istio;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Integer apportionment by the largest-remainder (Hamilton) method, with a floor of one per share.
 *
 * <p>istiod rejects a {@code distribute} entry unless its weights are integers 1..100 that sum to
 * exactly 100. Rounding each share on its own can miss 100 by a few points; the largest-remainder
 * method floors every quota and hands the missing points to the largest fractional parts, so the
 * sum is exact and no share is off by more than one point from its real quota. Ties go to the
 * lower index, so the result is deterministic.
 */
final class LargestRemainder {

  /** Snapping tolerance: reals this close to an integer are that integer (float noise from scaling). */
  private static final double EPSILON = 1e-9;

  private LargestRemainder() {}

  /**
   * Splits {@code total} into integers, at least one each, proportional to {@code scores} above that
   * floor; non-positive or non-finite scores count as zero, and all-zero scores split evenly.
   */
  static int[] apportion(double[] scores, int total) {
    int n = scores.length;
    if (n < 1 || n > total) {
      throw new IllegalArgumentException("shares: " + n + " (expected: 1.." + total + ")");
    }
    double[] clean = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      clean[i] = Double.isFinite(scores[i]) && scores[i] > 0 ? scores[i] : 0;
      sum += clean[i];
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      Arrays.fill(clean, 1);
      sum = n;
    }
    int free = total - n;
    double[] quotas = new double[n];
    for (int i = 0; i < n; i++) {
      quotas[i] = 1 + free * (clean[i] / sum);
    }
    return round(quotas, total);
  }

  /**
   * Rounds reals that sum to {@code total} (each at least 1) to integers that sum to exactly
   * {@code total}, each at least 1 and within one point of its real value.
   */
  static int[] round(double[] values, int total) {
    int n = values.length;
    int[] out = new int[n];
    double[] fraction = new double[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      double nearest = Math.rint(v);
      double snapped = Math.abs(v - nearest) < EPSILON ? nearest : v;
      out[i] = Math.max(1, (int) Math.floor(snapped));
      fraction[i] = snapped - Math.floor(snapped);
      assigned += out[i];
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -fraction[i]).thenComparingInt(i -> i));
    for (int k = 0; assigned < total; k = (k + 1) % n) {
      out[order[k]]++;
      assigned++;
    }
    // Only float noise can overshoot: take points back from the largest shares, never below one.
    while (assigned > total) {
      int largest = 0;
      for (int i = 1; i < n; i++) {
        largest = out[i] > out[largest] ? i : largest;
      }
      out[largest]--;
      assigned--;
    }
    return out;
  }
}
