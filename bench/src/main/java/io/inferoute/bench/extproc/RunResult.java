package io.inferoute.bench.extproc;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one measured period produced.
 *
 * @param latency per-request latency in nanoseconds (stream open → routing answer)
 * @param elapsedNanos the measured period
 * @param placed requests answered with a body response (a placement, or the no-op's empty one)
 * @param rejected requests answered with an immediate response (an HTTP error for the client)
 * @param failed streams that failed or answered out of protocol
 * @param cpu where the period's CPU time went, per request (empty for sums of periods)
 */
record RunResult(Histogram latency, long elapsedNanos, long placed, long rejected, long failed,
    String cpu) {

  /** Answered requests (placed or rejected) per second. */
  double perSecond() {
    return latency.getTotalCount() * (double) TimeUnit.SECONDS.toNanos(1) / elapsedNanos;
  }

  /** The latency at {@code percentile} (0..100), in milliseconds. */
  double millisAt(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1e6;
  }

  /** Both periods as one: histograms added, counts and time summed. */
  RunResult plus(RunResult other) {
    Histogram sum = latency.copy();
    sum.add(other.latency);
    return new RunResult(sum, elapsedNanos + other.elapsedNanos, placed + other.placed,
        rejected + other.rejected, failed + other.failed, "");
  }
}
