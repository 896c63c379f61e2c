package io.inferoute.telemetry;

import io.inferoute.policy.TelemetrySettings;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * One latency metric of one endpoint over a sliding window.
 *
 * <p><b>Writers</b> (request threads) call {@link #record(long)}, which is wait-free: it counts the
 * value in the bucket array of an {@link IntervalRecorder} (HdrHistogram's {@code Recorder}
 * scheme: atomic counts guarded by a {@code WriterReaderPhaser}), so a writer never waits for
 * another writer or for the harvester. The recorder is created by the first {@code record}: the
 * creating writer installs it with one compare-and-set, and a writer that loses the race uses the
 * winner's, so no value is lost and no writer loops.
 *
 * <p><b>The harvester</b> calls {@link #rotate()} once per interval. It swaps the recorder's
 * arrays, packs the closed interval into a {@link CompactInterval} for a ring of {@code N}
 * intervals (dropping the oldest), then adds the other {@code N - 1} ring entries onto the closed
 * interval's array and reads the percentiles off it in one pass that also zeroes it for reuse as
 * the next interval's array. There is no running aggregate to keep (it would cost as much memory
 * as the recorder): a rotation costs two passes over the buckets plus one over the non-empty
 * buckets of the ring, and allocates only the packed interval and the published {@link
 * LatencySnapshot}.
 * Readers (routing decisions) see the snapshot with one volatile read and never touch a count.
 *
 * <p><b>Units and precision.</b> Values are stored in microseconds, clamped to [1 µs, 10 min],
 * in HdrHistogram's log-linear buckets with 2 significant digits ({@link Buckets}): each bucket is
 * at most 1/128 (&lt; 1%) of its value wide. Routing compares latencies against SLOs and against
 * each other, where 1% is far below the noise between intervals. Percentiles and the maximum are
 * the highest value of the bucket holding the exact nearest-rank value (as HdrHistogram reports
 * them), so they err upwards, by less than 1% plus the microsecond truncation; the mean weighs
 * each bucket by its middle.
 *
 * <p><b>Memory</b> (64-bit JVM, compressed references; see {@link #estimatedFootprintBytes()}):
 * a window that never recorded a value holds no counts at all, about 100 bytes, however often it
 * is rotated. Its first value allocates the recorder, 2 × 2,960 4-byte counts (24 KB with
 * headers); the first rotation after it adds the ring of {@code N} references and then {@code N}
 * packed intervals: 0 bytes for an empty interval, 2–3 bytes per non-empty bucket otherwise (a
 * 10 s interval of a wide latency distribution fills a few hundred of the 2,960 buckets), 6 bytes
 * per bucket, 17.8 KB, at worst.
 *
 * <p>A value recorded before a rotation becomes visible at that rotation and stays in the window
 * for {@code N} rotations; the {@code N + 1}-th rotation after it was recorded removes it.
 */
public final class LatencyWindow {
  /** Smallest value kept, in microseconds: 0 and negative durations count as 1 µs. */
  static final long LOWEST_MICROS = Buckets.LOWEST_MICROS;
  /** Largest value kept, in microseconds (ten minutes); longer durations count as ten minutes. */
  static final long HIGHEST_MICROS = Buckets.HIGHEST_MICROS;

  private static final long NANOS_PER_MICRO = 1_000;
  private static final double[] PERCENTILES = {50, 90, 95, 99};
  // Packing buffer of the rotating thread: rotations of different windows may run concurrently.
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[CompactInterval.MAX_ENCODED_BYTES]);
  private static final AtomicReferenceFieldUpdater<LatencyWindow, IntervalRecorder> RECORDER =
      AtomicReferenceFieldUpdater.newUpdater(
          LatencyWindow.class, IntervalRecorder.class, "recorder");

  private final int intervals;
  // Null until the first record(); then never changes.
  private volatile @Nullable IntervalRecorder recorder;
  // Ring of the last N packed intervals, created by the first rotation that finds a recorder;
  // guarded by "this".
  private CompactInterval @Nullable [] ring;
  private int next;

  private volatile LatencySnapshot published = LatencySnapshot.EMPTY;

  /** Creates an empty window of {@code settings.windowIntervals()} intervals. */
  public LatencyWindow(TelemetrySettings settings) {
    this.intervals = settings.windowIntervals();
  }

  /**
   * Records one duration in nanoseconds; wait-free, callable from any thread. Values below 1 µs
   * (including 0 and negative ones) count as 1 µs and values above ten minutes as ten minutes.
   */
  public void record(long nanos) {
    IntervalRecorder current = recorder;
    if (current == null) {
      current = installRecorder();
    }
    current.record(Buckets.index(clampToMicros(nanos)));
  }

  /**
   * Closes the current interval, slides the window by one interval and publishes a new snapshot.
   * Meant for the harvester thread; synchronized so that an extra pass (tests, shutdown) cannot
   * corrupt the ring.
   */
  public synchronized void rotate() {
    IntervalRecorder current = recorder;
    if (current == null) {
      return; // nothing was ever recorded: the window stays empty and costs nothing
    }
    CompactInterval[] slots = ring;
    if (slots == null) {
      slots = new CompactInterval[intervals];
      Arrays.fill(slots, CompactInterval.EMPTY);
      ring = slots;
    }
    AtomicIntegerArray counts = current.swap();
    CompactInterval closed = CompactInterval.of(counts, SCRATCH.get());
    int closedSlot = next;
    slots[closedSlot] = closed;
    next = (closedSlot + 1) % slots.length;
    long total = closed.total();
    for (int i = 0; i < slots.length; i++) {
      if (i != closedSlot && slots[i] != CompactInterval.EMPTY) {
        slots[i].addTo(counts);
        total += slots[i].total();
      }
    }
    // summarize() zeroes the counts as it reads them; with total == 0 they are all zeros already.
    published = total == 0 ? LatencySnapshot.EMPTY : summarizeAndClear(counts, total);
  }

  /** The percentiles published by the last rotation; {@link LatencySnapshot#EMPTY} before any. */
  public LatencySnapshot snapshot() {
    return published;
  }

  /**
   * Estimated heap size of this window now, in bytes (the bound documented above); for tests and
   * capacity planning.
   */
  synchronized long estimatedFootprintBytes() {
    long bytes = Footprint.OBJECT + Footprint.OBJECT; // this window and its published snapshot
    if (recorder != null) {
      bytes += IntervalRecorder.footprintBytes();
    }
    CompactInterval[] slots = ring;
    if (slots != null) {
      bytes += Footprint.array(slots.length, 4);
      for (CompactInterval slot : slots) {
        bytes += slot.footprintBytes();
      }
    }
    return bytes;
  }

  static long clampToMicros(long nanos) {
    long micros = nanos / NANOS_PER_MICRO;
    if (micros < LOWEST_MICROS) {
      return LOWEST_MICROS;
    }
    return Math.min(micros, HIGHEST_MICROS);
  }

  private IntervalRecorder installRecorder() {
    IntervalRecorder created = new IntervalRecorder();
    if (RECORDER.compareAndSet(this, null, created)) {
      return created;
    }
    // Lost the race: the winner's recorder is installed for good, and this value goes there too.
    return Objects.requireNonNull(recorder);
  }

  /**
   * Percentiles of {@code counts} (plain access), which hold {@code total > 0} values; leaves them
   * all zeros, in the same pass.
   */
  private static LatencySnapshot summarizeAndClear(AtomicIntegerArray counts, long total) {
    long[] ranks = new long[PERCENTILES.length];
    for (int p = 0; p < PERCENTILES.length; p++) {
      ranks[p] = rank(PERCENTILES[p], total);
    }
    long[] values = new long[PERCENTILES.length];
    int found = 0;
    long cumulative = 0;
    double weighted = 0;
    int highest = 0;
    for (int i = 0; i < counts.length(); i++) {
      int count = counts.getPlain(i);
      if (count == 0) {
        continue;
      }
      counts.setPlain(i, 0);
      cumulative += count;
      weighted += (double) Buckets.median(i) * count;
      highest = i;
      while (found < ranks.length && cumulative >= ranks[found]) {
        values[found++] = Buckets.highest(i);
      }
    }
    while (found < values.length) {
      // Only if a bucket saturated (see CompactInterval.addTo): the top bucket holds the rest.
      values[found++] = Buckets.highest(highest);
    }
    return new LatencySnapshot(
        total,
        values[0] * NANOS_PER_MICRO,
        values[1] * NANOS_PER_MICRO,
        values[2] * NANOS_PER_MICRO,
        values[3] * NANOS_PER_MICRO,
        Buckets.highest(highest) * NANOS_PER_MICRO,
        weighted / total * NANOS_PER_MICRO);
  }

  /** The nearest rank of {@code percentile}, computed as HdrHistogram's getValueAtPercentile. */
  private static long rank(double percentile, long total) {
    double requested =
        Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0), 100);
    return Math.max(1, (long) Math.ceil(requested * total / 100));
  }
}
