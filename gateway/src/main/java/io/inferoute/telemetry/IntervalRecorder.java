package io.inferoute.telemetry;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Bucket counts of the current interval with wait-free recording, as HdrHistogram's {@code
 * Recorder} does it but with 4-byte counts: two count arrays, an active one that writers
 * increment and an inactive one that the reader swaps in, guarded by a {@link WriterReaderPhaser}.
 *
 * <p>4-byte counts hold 2³¹ − 1 values per bucket per interval, 200 million values a second into
 * one bucket at a 10 s interval: far beyond what one endpoint serves.
 */
final class IntervalRecorder {
  private final WriterReaderPhaser phaser = new WriterReaderPhaser();
  private volatile AtomicIntegerArray active = new AtomicIntegerArray(Buckets.COUNT);
  // Only the reader touches it; all zeros whenever swap() is called.
  private AtomicIntegerArray inactive = new AtomicIntegerArray(Buckets.COUNT);

  /** Counts one value in bucket {@code index}; wait-free. */
  void record(int index) {
    long criticalValue = phaser.writerCriticalSectionEnter();
    try {
      active.getAndIncrement(index);
    } finally {
      phaser.writerCriticalSectionExit(criticalValue);
    }
  }

  /**
   * Closes the current interval: returns its counts, which no writer touches any more, and starts a
   * new one. The caller owns the returned array until the next call and must leave it all zeros,
   * since it becomes the next interval's. One reader at a time.
   */
  AtomicIntegerArray swap() {
    phaser.readerLock();
    try {
      AtomicIntegerArray closed = active;
      active = inactive;
      inactive = closed;
      // Waits until every writer that may still hold "closed" has left its critical section.
      phaser.flipPhase();
      return closed;
    } finally {
      phaser.readerUnlock();
    }
  }

  /** Estimated heap size: this object, the phaser and both count arrays. */
  static long footprintBytes() {
    return Footprint.OBJECT * 2 + 2 * (Footprint.OBJECT + Footprint.array(Buckets.COUNT, 4));
  }
}
