package io.inferoute.telemetry;

import io.inferoute.policy.TelemetrySettings;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * One latency metric of one endpoint over a sliding window.
 *
 * <p><b>Writers</b> (request threads) call {@link #record(long)}, which is wait-free: it records
 * into an HdrHistogram {@link Recorder} (an atomic histogram guarded by a {@code
 * WriterReaderPhaser}), so a writer never waits for another writer or for the harvester.
 *
 * <p><b>The harvester</b> calls {@link #rotate()} once per interval. It takes the interval's
 * histogram from the recorder, pushes it into a ring of {@code N} intervals and keeps a running
 * aggregate: the new interval is added and the interval that falls out of the ring is subtracted,
 * so a rotation costs one pass over the buckets whatever {@code N} is. The evicted histogram is
 * handed back to the recorder as the next recycled one, so steady-state rotation allocates only
 * the published {@link LatencySnapshot}. Readers (routing decisions) see the snapshot with one
 * volatile read and never touch a histogram.
 *
 * <p><b>Units and precision.</b> Values are stored in microseconds, clamped to [1 µs, 1 h], with 2
 * significant digits: each bucket is at most 1/128 (&lt; 1%) of its value wide. Routing compares
 * latencies against SLOs and against each other, where 1% is far below the noise between
 * intervals; 3 digits would make each histogram about 7× larger (≈ 190 KB instead of ≈ 27 KB) for
 * precision no decision uses. A window holds {@code N + 3} histograms of ≈ 27 KB (the ring, the
 * recorder's active one, the recycled spare and the aggregate). Percentiles are the highest value
 * equivalent to the exact nearest-rank percentile's bucket, so they err upwards, by less than 1%
 * plus the microsecond truncation.
 *
 * <p>A value recorded before a rotation becomes visible at that rotation and stays in the window
 * for {@code N} rotations; the {@code N + 1}-th rotation after it was recorded removes it.
 */
public final class LatencyWindow {
  /** Smallest value kept, in microseconds: 0 and negative durations count as 1 µs. */
  static final long LOWEST_MICROS = 1;
  /** Largest value kept, in microseconds (one hour); longer durations count as one hour. */
  static final long HIGHEST_MICROS = 3_600_000_000L;

  private static final int SIGNIFICANT_DIGITS = 2;
  private static final long NANOS_PER_MICRO = 1_000;

  private final Recorder recorder =
      new Recorder(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  private final Histogram aggregate =
      new Histogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  // Ring of the last N interval histograms, all obtained from the recorder; guarded by "this".
  private final @Nullable Histogram[] ring;
  private int next;
  private @Nullable Histogram spare;

  private volatile LatencySnapshot published = LatencySnapshot.EMPTY;

  /** Creates an empty window of {@code settings.windowIntervals()} intervals. */
  public LatencyWindow(TelemetrySettings settings) {
    this.ring = new Histogram[settings.windowIntervals()];
  }

  /**
   * Records one duration in nanoseconds; wait-free, callable from any thread. Values below 1 µs
   * (including 0 and negative ones) count as 1 µs and values above one hour as one hour.
   */
  public void record(long nanos) {
    recorder.recordValue(clampToMicros(nanos));
  }

  /**
   * Closes the current interval, slides the window by one interval and publishes a new snapshot.
   * Meant for the harvester thread; synchronized so that an extra pass (tests, shutdown) cannot
   * corrupt the ring.
   */
  public synchronized void rotate() {
    Histogram interval = recorder.getIntervalHistogram(spare);
    Histogram evicted = ring[next];
    ring[next] = interval;
    next = (next + 1) % ring.length;
    if (interval.getTotalCount() > 0) {
      aggregate.add(interval);
    }
    if (evicted != null && evicted.getTotalCount() > 0) {
      aggregate.subtract(evicted);
    }
    spare = evicted;
    published = toSnapshot(aggregate);
  }

  /** The percentiles published by the last rotation; {@link LatencySnapshot#EMPTY} before any. */
  public LatencySnapshot snapshot() {
    return published;
  }

  static long clampToMicros(long nanos) {
    long micros = nanos / NANOS_PER_MICRO;
    if (micros < LOWEST_MICROS) {
      return LOWEST_MICROS;
    }
    return Math.min(micros, HIGHEST_MICROS);
  }

  private static LatencySnapshot toSnapshot(Histogram micros) {
    long count = micros.getTotalCount();
    if (count == 0) {
      return LatencySnapshot.EMPTY;
    }
    return new LatencySnapshot(
        count,
        nanosAt(micros, 50),
        nanosAt(micros, 90),
        nanosAt(micros, 95),
        nanosAt(micros, 99),
        micros.getMaxValue() * NANOS_PER_MICRO,
        micros.getMean() * NANOS_PER_MICRO);
  }

  private static long nanosAt(Histogram micros, double percentile) {
    return micros.getValueAtPercentile(percentile) * NANOS_PER_MICRO;
  }
}
