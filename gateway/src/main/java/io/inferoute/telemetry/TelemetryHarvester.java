package io.inferoute.telemetry;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Rotates every registered {@link EndpointTelemetry} each interval on its own daemon thread, never
 * on a request thread.
 *
 * <p>Each pass asks the source for the current endpoints (so endpoints added or removed by a fleet
 * snapshot swap are picked up) and harvests them one by one. A failure of one endpoint, or of the
 * source itself, is logged as a warning and never stops the thread or the other endpoints. When a
 * pass runs late by more than an interval the missed passes are skipped rather than run in a burst,
 * which would shrink the time a window covers.
 */
public final class TelemetryHarvester implements AutoCloseable {
  /** Name of the harvester thread. */
  public static final String THREAD_NAME = "inferoute-telemetry-harvester";

  private static final System.Logger LOG = System.getLogger(TelemetryHarvester.class.getName());

  private final long intervalNanos;
  private final Supplier<? extends Iterable<EndpointTelemetry>> source;
  private final Thread thread;
  private volatile boolean closed;

  private TelemetryHarvester(
      long intervalNanos, Supplier<? extends Iterable<EndpointTelemetry>> source) {
    this.intervalNanos = intervalNanos;
    this.source = source;
    this.thread = new Thread(this::runUntilClosed, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Starts a harvester thread that harvests the endpoints {@code source} supplies every {@code
   * interval} (normally the policy's {@code telemetry.windowInterval}).
   */
  public static TelemetryHarvester start(
      Duration interval, Supplier<? extends Iterable<EndpointTelemetry>> source) {
    TelemetryHarvester harvester =
        new TelemetryHarvester(intervalNanos(interval), Objects.requireNonNull(source, "source"));
    harvester.thread.start();
    return harvester;
  }

  /** Runs one pass on the calling thread, for tests and shutdown; never throws. */
  public void harvestNow() {
    try {
      for (EndpointTelemetry endpoint : source.get()) {
        harvestGuarded(endpoint);
      }
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "telemetry source failed; this harvest pass is cut short", t);
    }
  }

  /**
   * Stops the harvester thread and waits for it to end; idempotent. If the caller is interrupted
   * while waiting, it returns early with its interrupt flag set and the thread ends after its pass.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return; // closed from inside a pass: the loop sees the flag when the pass returns
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The harvester thread, so tests can see whether it is alive. */
  Thread thread() {
    return thread;
  }

  /** When the pass after one due at {@code due} is due, given that it ended at {@code now}. */
  static long nextDue(long due, long now, long intervalNanos) {
    long next = due + intervalNanos;
    return next - now > 0 ? next : now + intervalNanos;
  }

  private void runUntilClosed() {
    long due = System.nanoTime() + intervalNanos;
    while (!closed) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        // Only close() stops the harvester; a stray interrupt would otherwise make park spin.
        Thread.interrupted();
        continue;
      }
      harvestNow();
      due = nextDue(due, System.nanoTime(), intervalNanos);
    }
  }

  private static void harvestGuarded(EndpointTelemetry endpoint) {
    try {
      endpoint.harvest();
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "harvest of one endpoint failed; the others go on", t);
    }
  }

  private static long intervalNanos(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "interval: " + interval + " (expected: a duration > 0)");
    }
    try {
      return interval.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2; // ~146 years: never, without overflowing the deadline arithmetic
    }
  }
}
