package io.inferoute.telemetry;

/**
 * The bucket layout of every latency window: HdrHistogram's log-linear layout for values in
 * microseconds from 1 µs to 10 min with 2 significant digits (256 sub-buckets, so each bucket is at
 * most 1/128 of its value wide), computed here so that counts can live in a plain {@code int}
 * array.
 *
 * <p>HdrHistogram offers no multi-writer recorder with 4-byte counts, and its long-count recorder
 * alone would cost 2 × 25 KB per window. The arithmetic below is HdrHistogram's own
 * ({@code countsArrayIndex}, {@code valueFromIndex}, {@code highestEquivalentValue}); a property
 * test checks it against {@code org.HdrHistogram.Histogram} value by value.
 */
final class Buckets {
  /** Smallest value kept, in microseconds. */
  static final long LOWEST_MICROS = 1;
  /** Largest value kept, in microseconds (ten minutes). */
  static final long HIGHEST_MICROS = 600_000_000L;

  private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = 7; // 2 significant digits
  private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
  private static final long SUB_BUCKET_MASK = (2L * SUB_BUCKET_HALF_COUNT) - 1;
  private static final int LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_HALF_COUNT_MAGNITUDE - 1;

  /** Number of buckets: {@code index(HIGHEST_MICROS) + 1} (a test checks it). */
  static final int COUNT = 2_960;

  private Buckets() {}

  /** The bucket of {@code micros}, which must be within [1, {@link #HIGHEST_MICROS}]. */
  static int index(long micros) {
    int bucket = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(micros | SUB_BUCKET_MASK);
    int subBucket = (int) (micros >>> bucket);
    return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (subBucket - SUB_BUCKET_HALF_COUNT);
  }

  /** The smallest value, in microseconds, that falls into bucket {@code index}. */
  static long lowest(int index) {
    int bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    int subBucket = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
    if (bucket < 0) {
      subBucket -= SUB_BUCKET_HALF_COUNT;
      bucket = 0;
    }
    return (long) subBucket << bucket;
  }

  /** The largest value, in microseconds, that falls into bucket {@code index}. */
  static long highest(int index) {
    return lowest(index) + width(index) - 1;
  }

  /** The middle of bucket {@code index}, as HdrHistogram weighs a bucket for the mean. */
  static long median(int index) {
    return lowest(index) + (width(index) >> 1);
  }

  private static long width(int index) {
    int bucket = Math.max(0, (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1);
    return 1L << bucket;
  }
}
