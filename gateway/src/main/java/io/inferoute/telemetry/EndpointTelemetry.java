package io.inferoute.telemetry;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.time.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Live state of one endpoint that survives policy/fleet snapshot swaps.
 *
 * <p>It holds what request threads measure (latency windows, result counters), what the router
 * itself knows exactly (in-flight requests, compared against limits, hence an atomic counter rather
 * than a {@link LongAdder}) and the load last reported by the model server. Every method is
 * thread-safe and non-blocking; only {@link #harvest()} is meant for a single harvester thread.
 *
 * <p><b>Memory.</b> An endpoint that never recorded a latency costs about 0.6 KB: its three
 * {@link LatencyWindow}s hold no counts until their first value. Each metric that records costs
 * 24 KB of live counts plus its ring of packed intervals (see {@link LatencyWindow}): 77 to 115 KB
 * in all for an endpoint measuring all three metrics over the default 6 × 10 s window with wide,
 * realistic latency distributions at 100 to 100,000 values per interval. The worst case, every
 * bucket of every interval non-empty with counts of 2²¹ or more, is about 3 × (24 + 6 × 17.8) ≈
 * 390 KB. Counters striped by {@link LongAdder} under contention come on top (a few hundred bytes
 * per contending core).
 */
public final class EndpointTelemetry {
  private static final LatencyMetric[] METRICS = LatencyMetric.values();

  private final Ticker ticker;
  private final long loadReportMaxAgeNanos;
  private final LatencyWindow[] windows = new LatencyWindow[METRICS.length];
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder releaseUnderflows = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private volatile @Nullable LoadReport load;

  private EndpointTelemetry(TelemetrySettings settings, Ticker ticker) {
    this.ticker = ticker;
    this.loadReportMaxAgeNanos = saturatedNanos(settings.loadReportMaxAge());
    for (LatencyMetric metric : METRICS) {
      windows[metric.ordinal()] = new LatencyWindow(settings);
    }
  }

  /** Creates the telemetry of one endpoint; {@code ticker} timestamps load reports. */
  public static EndpointTelemetry create(TelemetrySettings settings, Ticker ticker) {
    return new EndpointTelemetry(
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(ticker, "ticker"));
  }

  /** Records one latency of {@code metric}, in nanoseconds; wait-free. */
  public void record(LatencyMetric metric, long nanos) {
    windows[metric.ordinal()].record(nanos);
  }

  /** The window of {@code metric} as published by the last {@link #harvest()}. */
  public LatencySnapshot latency(LatencyMetric metric) {
    return windows[metric.ordinal()].snapshot();
  }

  /** Rotates the windows of all metrics; for the harvester thread. */
  public void harvest() {
    for (LatencyWindow window : windows) {
      window.rotate();
    }
  }

  /** Requests the router has sent to this endpoint and not yet seen finish. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Counts one more in-flight request unless {@code limit} are already in flight.
   *
   * @return false, changing nothing, when {@code inFlight() >= limit}
   */
  public boolean tryAcquire(int limit) {
    for (;;) {
      int current = inFlight.get();
      if (current >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Counts one more in-flight request whatever the limit (Envoy has already sent it). */
  public void acquire() {
    inFlight.incrementAndGet();
  }

  /**
   * Counts one in-flight request as finished. A release without a matching acquire leaves the count
   * at 0 and is counted in {@link #releaseUnderflows()} instead, so one caller's bug cannot make an
   * endpoint look emptier than it is.
   */
  public void release() {
    for (;;) {
      int current = inFlight.get();
      if (current <= 0) {
        releaseUnderflows.increment();
        return;
      }
      if (inFlight.compareAndSet(current, current - 1)) {
        return;
      }
    }
  }

  /** Releases that found nothing in flight: a caller released more often than it acquired. */
  public long releaseUnderflows() {
    return releaseUnderflows.sum();
  }

  /**
   * Stores the load the model server reported, timestamped now and with this router's in-flight
   * count now (see {@link LoadReport#outstandingNow}). Use -1 for what it did not report; any
   * negative count or usage, or a NaN usage, is stored as -1, and a usage above 1 as 1.
   */
  public void reportLoad(int queueDepth, int running, double kvCacheUsage) {
    load =
        new LoadReport(
            Math.max(-1, queueDepth),
            Math.max(-1, running),
            normalizedUsage(kvCacheUsage),
            ticker.read(),
            inFlight.get());
  }

  /**
   * The last reported load, or null when none was reported or it is older than {@code
   * loadReportMaxAge}: a stale report means "unknown", never "idle".
   */
  public @Nullable LoadReport freshLoad() {
    return freshLoad(ticker.read());
  }

  /**
   * As {@link #freshLoad()} at {@code nowNanos} on this telemetry's ticker: a decision reads the
   * clock once for all its candidates instead of once per candidate.
   */
  public @Nullable LoadReport freshLoad(long nowNanos) {
    LoadReport report = load;
    if (report == null || nowNanos - report.receivedAtNanos() > loadReportMaxAgeNanos) {
      return null;
    }
    return report;
  }

  /** Counts one completed request, and one failure when {@code failure}. */
  public void countResult(boolean failure) {
    requests.increment();
    if (failure) {
      failures.increment();
    }
  }

  /** The result counters so far. */
  public TelemetryStats stats() {
    // Failures first: a failure is counted after its request, so this order never reads more
    // failures than requests.
    long failed = failures.sum();
    return new TelemetryStats(requests.sum(), failed);
  }

  /** Estimated heap size of this endpoint's state now, in bytes; for tests and capacity plans. */
  long estimatedFootprintBytes() {
    // This object, the windows array, the in-flight counter, three uncontended adders, the report.
    long bytes = 6 * Footprint.OBJECT + Footprint.array(windows.length, 4);
    for (LatencyWindow window : windows) {
      bytes += window.estimatedFootprintBytes();
    }
    return bytes;
  }

  private static double normalizedUsage(double usage) {
    if (!(usage >= 0)) {
      return -1;
    }
    return Math.min(usage, 1.0);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
