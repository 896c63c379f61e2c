package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lock-free paths under contention: bounded loops, exact end states, no timing assertions. */
@Timeout(120)
class TelemetryConcurrencyTest {
  private static final int WRITERS = 4;
  private static final int VALUES_PER_WRITER = 1_000_000;
  private static final int WINDOW_INTERVALS = 1_000;
  // At most this many rotations while writing, plus one after: nothing can leave the window.
  private static final int MAX_CONCURRENT_ROTATIONS = 900;

  private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void recordingWhileRotatingLosesNoValue() throws Exception {
    LatencyWindow window =
        new LatencyWindow(
            new TelemetrySettings(Duration.ofSeconds(1), WINDOW_INTERVALS, Duration.ofSeconds(5)));
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong progress = new AtomicLong();
    AtomicInteger writersLeft = new AtomicInteger(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(pool.submit(writer(window, start, progress, writersLeft)));
    }
    Future<Integer> rotator = pool.submit(rotator(window, start, progress, writersLeft));

    start.countDown();
    for (Future<?> writer : writers) {
      writer.get();
    }
    int rotations = rotator.get();
    window.rotate();

    LatencySnapshot snapshot = window.snapshot();
    assertThat(rotations + 1).isLessThanOrEqualTo(WINDOW_INTERVALS);
    assertThat(snapshot.count()).isEqualTo((long) WRITERS * VALUES_PER_WRITER);
    assertThat(snapshot.maxNanos()).isCloseTo(valueFor(999), within(valueFor(999) / 100));
    assertThat(snapshot.meanNanos()).isCloseTo(exactMean(), within(exactMean() / 100));
  }

  @Test
  void concurrentFirstRecordsOnAFreshWindowLoseNoValue() throws Exception {
    int threads = WRITERS + 4;
    int valuesPerThread = 3;
    for (int round = 0; round < 2_000; round++) {
      LatencyWindow window =
          new LatencyWindow(
              new TelemetrySettings(Duration.ofSeconds(1), 1, Duration.ofSeconds(5)));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long value = valueFor(t);
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < valuesPerThread; i++) {
                    window.record(value); // every thread races to install the recorder
                  }
                  return null;
                }));
      }

      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
      window.rotate();

      LatencySnapshot snapshot = window.snapshot();
      assertThat(snapshot.count())
          .as("round %d", round)
          .isEqualTo((long) threads * valuesPerThread);
      assertThat(snapshot.maxNanos()).as("round %d", round).isEqualTo(valueFor(threads - 1));
    }
  }

  @Test
  void tryAcquireFromManyThreadsNeverExceedsTheLimitAndEndsAtZero() throws Exception {
    int limit = 3;
    EndpointTelemetry telemetry =
        EndpointTelemetry.create(TelemetrySettings.DEFAULT, new FakeTicker());
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger highest = new AtomicInteger();
    AtomicLong granted = new AtomicLong();
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < WRITERS + 4; t++) {
      threads.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 50_000; i++) {
                  if (telemetry.tryAcquire(limit)) {
                    granted.incrementAndGet();
                    highest.accumulateAndGet(telemetry.inFlight(), Math::max);
                    telemetry.release();
                  }
                }
                return null;
              }));
    }

    start.countDown();
    for (Future<?> thread : threads) {
      thread.get();
    }

    assertThat(granted.get()).isPositive();
    assertThat(highest.get()).isBetween(1, limit);
    assertThat(telemetry.inFlight()).isZero();
    assertThat(telemetry.releaseUnderflows()).isZero();
  }

  private static Callable<Void> writer(
      LatencyWindow window, CountDownLatch start, AtomicLong progress, AtomicInteger writersLeft) {
    return () -> {
      start.await();
      for (int i = 0; i < VALUES_PER_WRITER; i++) {
        window.record(valueFor(i % 1_000));
        if ((i & 1023) == 1023) {
          progress.addAndGet(1024);
        }
      }
      writersLeft.decrementAndGet();
      return null;
    };
  }

  /**
   * Rotates whenever the writers have moved on by a slice of the total, so rotations are spread
   * over the whole write phase; checks every published count is at least the previous one (nothing
   * can be evicted yet).
   */
  private static Callable<Integer> rotator(
      LatencyWindow window, CountDownLatch start, AtomicLong progress, AtomicInteger writersLeft) {
    return () -> {
      start.await();
      long slice = (long) WRITERS * VALUES_PER_WRITER / (MAX_CONCURRENT_ROTATIONS - 10);
      long nextAt = slice;
      long lastCount = 0;
      int rotations = 0;
      boolean decreased = false;
      while (writersLeft.get() > 0 && rotations < MAX_CONCURRENT_ROTATIONS) {
        if (progress.get() < nextAt) {
          Thread.onSpinWait();
          continue;
        }
        window.rotate();
        rotations++;
        nextAt += slice;
        long count = window.snapshot().count();
        decreased |= count < lastCount;
        lastCount = count;
      }
      assertThat(decreased).as("a published count went down").isFalse();
      return rotations;
    };
  }

  private static long valueFor(int i) {
    return (i + 1) * 10_000L; // 10 µs .. 10 ms, exact in microseconds
  }

  private static double exactMean() {
    double sum = 0;
    for (int i = 0; i < 1_000; i++) {
      sum += valueFor(i);
    }
    return sum / 1_000; // every writer cycles through the same 1,000 values
  }
}
