package io.inferoute.policy;

import io.inferoute.internal.Checks;

/**
 * Where an endpoint or a client is: {@code region/zone/subzone}, as Istio and Envoy name it.
 *
 * <p>Zone and subzone may be empty (unknown). Two localities are compared by {@link #proximity}.
 *
 * @param region e.g. {@code asia-northeast1}; never empty
 * @param zone e.g. {@code tokyo-a}; empty when unknown
 * @param subzone e.g. {@code rack-3}; empty when unknown
 */
public record Locality(String region, String zone, String subzone) {
  /** A locality that matches nothing more closely than "remote". */
  public static final Locality UNKNOWN = new Locality("unknown", "", "");

  public Locality {
    Checks.name("region", region);
    if (zone.isEmpty() && !subzone.isEmpty()) {
      throw new IllegalArgumentException(
          "locality: subzone \"" + subzone + "\" without a zone (expected: region/zone/subzone)");
    }
    for (String part : new String[] {region, zone, subzone}) {
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c == '/' || c == '*' || Character.isWhitespace(c) || Character.isISOControl(c)) {
          throw new IllegalArgumentException(
              "locality: \"" + part + "\" (expected: region/zone/subzone without '*' or spaces)");
        }
      }
    }
  }

  /**
   * Parses {@code region}, {@code region/zone} or {@code region/zone/subzone}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Locality parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a locality (expected: region/zone/subzone, e.g. eu-west1/eu-west1-b/rack-2)");
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a locality (expected: no empty segment in region/zone/subzone)");
      }
    }
    return new Locality(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
  }

  /** How close {@code other} is to this locality; unknown zones never count as the same zone. */
  public Proximity proximity(Locality other) {
    if (!region.equals(other.region) || this == UNKNOWN || other == UNKNOWN) {
      return Proximity.REMOTE;
    }
    if (zone.isEmpty() || !zone.equals(other.zone)) {
      return Proximity.SAME_REGION;
    }
    return Proximity.SAME_ZONE;
  }

  @Override
  public String toString() {
    if (zone.isEmpty()) {
      return region;
    }
    return subzone.isEmpty() ? region + "/" + zone : region + "/" + zone + "/" + subzone;
  }

  /** Closeness classes used by the RTT table and the data-gravity scorer. */
  public enum Proximity {
    SAME_ZONE,
    SAME_REGION,
    REMOTE
  }
}
