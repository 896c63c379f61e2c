package io.inferoute.bench.lab.workload;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much of a workload to generate and how it arrives.
 *
 * @param requestsPerSecond the mean request rate (for chat: turns per second, all sessions)
 * @param duration requests arrive in {@code [0, duration)}
 * @param arrivals the arrival process (of sessions for chat, of requests otherwise)
 * @param origins the clients' edge sites ({@code region/zone}); each session or request draws one
 * @param seed seeds every random choice: the same shape gives the same trace
 */
public record TraceShape(
    double requestsPerSecond, Duration duration, ArrivalProcess arrivals, List<String> origins,
    long seed) {

  public TraceShape {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "requestsPerSecond: " + requestsPerSecond + " (expected: a finite number > 0)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
    Objects.requireNonNull(arrivals, "arrivals");
    origins = List.copyOf(origins);
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("origins: [] (expected: at least one edge site)");
    }
  }

  /** The same shape at another rate. */
  public TraceShape withRate(double rate) {
    return new TraceShape(rate, duration, arrivals, origins, seed);
  }

  /** The same shape with another seed. */
  public TraceShape withSeed(long newSeed) {
    return new TraceShape(requestsPerSecond, duration, arrivals, origins, newSeed);
  }

  /** The duration in seconds. */
  public double seconds() {
    return duration.toNanos() / 1e9;
  }
}
