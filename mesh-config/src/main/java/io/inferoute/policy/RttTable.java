package io.inferoute.policy;

import io.inferoute.internal.Checks;
import java.time.Duration;

/**
 * Network round-trip time assumed between a request's origin and an endpoint, by proximity.
 *
 * <p>Used for predicted TTFT; measured values can replace it later without changing the formula.
 */
public record RttTable(Duration sameZone, Duration sameRegion, Duration remote) {
  /** 2 ms within a zone, 10 ms within a region, 80 ms across regions. */
  public static final RttTable DEFAULT =
      new RttTable(Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofMillis(80));

  public RttTable {
    Checks.nonNegative("rtt.sameZone", sameZone);
    Checks.nonNegative("rtt.sameRegion", sameRegion);
    Checks.nonNegative("rtt.remote", remote);
  }

  /** The RTT for a proximity class. */
  public Duration of(Locality.Proximity proximity) {
    return switch (proximity) {
      case SAME_ZONE -> sameZone;
      case SAME_REGION -> sameRegion;
      case REMOTE -> remote;
    };
  }
}
