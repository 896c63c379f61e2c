package io.inferoute.breaker;

import java.util.Arrays;

/**
 * Requests and failures over the last failure-rate interval, as an immutable ring of {@link
 * BreakerRules#BUCKETS} time buckets.
 *
 * <p>Immutable so that it can live inside the breaker's CAS-moved state: counting an outcome and
 * ejecting on it happen in one atomic step, and a transition resets the window by simply starting a
 * new one. Recording copies two arrays of ten ints, which is cheap beside a network round trip;
 * when the failure rate is disabled the shared {@link #DISABLED} window is used and nothing is
 * copied.
 *
 * <p>Bucket {@code e} holds the outcomes reported at elapsed times in {@code [e × bucketNanos, (e + 1)
 * × bucketNanos)}; the ring holds buckets {@code head − BUCKETS + 1 … head}. Moving the head forward
 * clears the buckets it passes; an outcome older than the ring (a thread that read the ticker long
 * before its CAS) is dropped.
 */
final class FailureWindow {
  /** The window of a breaker whose failure rate is disabled: records nothing, never trips. */
  static final FailureWindow DISABLED = new FailureWindow(Long.MIN_VALUE, new int[0], new int[0]);

  private static final FailureWindow EMPTY =
      new FailureWindow(Long.MIN_VALUE, new int[BreakerRules.BUCKETS], new int[BreakerRules.BUCKETS]);

  private final long head;
  private final int[] requests;
  private final int[] failures;

  private FailureWindow(long head, int[] requests, int[] failures) {
    this.head = head;
    this.requests = requests;
    this.failures = failures;
  }

  /** A fresh window for {@code rules}: empty, or {@link #DISABLED}. */
  static FailureWindow empty(BreakerRules rules) {
    return rules.failureRateEnabled() ? EMPTY : DISABLED;
  }

  /**
   * This window with one more request (a failure or not) reported at {@code elapsed}, nanoseconds
   * since a fixed origin chosen by the owner when the window started.
   */
  FailureWindow record(long elapsed, boolean failure, BreakerRules rules) {
    if (this == DISABLED) {
      return this;
    }
    long epoch = Math.floorDiv(elapsed, rules.bucketNanos());
    if (head != Long.MIN_VALUE && epoch <= head - requests.length) {
      return this;
    }
    int[] r = requests.clone();
    int[] f = failures.clone();
    long newHead = roll(r, f, epoch);
    int i = (int) Math.floorMod(epoch, (long) r.length);
    r[i] = saturatedIncrement(r[i]);
    if (failure) {
      f[i] = saturatedIncrement(f[i]);
    }
    return new FailureWindow(newHead, r, f);
  }

  /** Whether the rate trips: enough requests, and failures × 100 ≥ percent × requests. */
  boolean trips(BreakerRules rules) {
    if (this == DISABLED) {
      return false;
    }
    long total = sum(requests);
    return total >= rules.failureRateMinimumRequests()
        && sum(failures) * 100 >= (long) rules.failureRatePercent() * total;
  }

  /** Requests counted in the window. */
  long requests() {
    return sum(requests);
  }

  /** Clears the buckets between the old head and {@code epoch}; returns the new head. */
  private long roll(int[] r, int[] f, long epoch) {
    if (head == Long.MIN_VALUE || epoch - head >= r.length) {
      Arrays.fill(r, 0);
      Arrays.fill(f, 0);
      return epoch;
    }
    for (long e = head + 1; e <= epoch; e++) {
      int i = (int) Math.floorMod(e, (long) r.length);
      r[i] = 0;
      f[i] = 0;
    }
    return Math.max(head, epoch);
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    return total;
  }

  private static int saturatedIncrement(int count) {
    return count == Integer.MAX_VALUE ? count : count + 1;
  }
}
