package io.inferoute.telemetry;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The bucket counts of one closed interval, packed for the window's ring; immutable.
 *
 * <p>Only non-empty buckets are stored, each as two unsigned LEB128 varints: the gap from the
 * previous non-empty bucket and the count. Latencies fill neighbouring buckets, so a bucket
 * usually costs 2 or 3 bytes instead of the 4 or 8 of a flat array, and an empty interval costs
 * nothing (one shared instance). The worst case, every bucket non-empty with counts of 2²¹ or
 * more, is 6 bytes a bucket.
 */
final class CompactInterval {
  /** An interval in which nothing was recorded. */
  static final CompactInterval EMPTY = new CompactInterval(new byte[0], 0);

  private final byte[] encoded;
  private final long total;

  private CompactInterval(byte[] encoded, long total) {
    this.encoded = encoded;
    this.total = total;
  }

  /** Bytes {@link #of} needs as scratch: 5 of count and 1 of gap per bucket at most. */
  static final int MAX_ENCODED_BYTES = 6 * Buckets.COUNT;

  /**
   * Packs {@code counts}, which no other thread may touch while this runs (plain reads), using
   * {@code scratch} (at least {@link #MAX_ENCODED_BYTES} long) so that it reads the counts only
   * once; returns {@link #EMPTY} when all are zero.
   */
  static CompactInterval of(AtomicIntegerArray counts, byte[] scratch) {
    int position = 0;
    int previous = -1;
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      int count = counts.getPlain(i);
      if (count != 0) {
        position = writeVarint(scratch, position, i - previous);
        position = writeVarint(scratch, position, count);
        total += count;
        previous = i;
      }
    }
    return total == 0 ? EMPTY : new CompactInterval(Arrays.copyOf(scratch, position), total);
  }

  /** Values in this interval. */
  long total() {
    return total;
  }

  /**
   * Adds these counts to {@code counts}, which only the calling thread uses (plain access); a
   * bucket saturates at {@link Integer#MAX_VALUE} rather than wrap.
   */
  void addTo(AtomicIntegerArray counts) {
    int index = -1;
    int position = 0;
    while (position < encoded.length) {
      int gap = 0;
      int shift = 0;
      byte b;
      do {
        b = encoded[position++];
        gap |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      int count = 0;
      shift = 0;
      do {
        b = encoded[position++];
        count |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      index += gap;
      int sum = counts.getPlain(index) + count;
      counts.setPlain(index, sum < 0 ? Integer.MAX_VALUE : sum);
    }
  }

  /** Estimated heap size; 0 for the shared {@link #EMPTY}. */
  long footprintBytes() {
    return this == EMPTY ? 0 : Footprint.OBJECT + Footprint.array(encoded.length, 1);
  }

  private static int writeVarint(byte[] target, int position, int value) {
    int rest = value;
    while ((rest & ~0x7f) != 0) {
      target[position++] = (byte) ((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    target[position++] = (byte) rest;
    return position;
  }
}
