package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.endpoint.Fleet;
import io.inferoute.policy.Locality;
import java.util.HashMap;
import java.util.Map;

/**
 * Regions and zones of a fleet as small ints, so a decision compares localities with int
 * compares instead of string equality per candidate.
 */
final class LocalityIndex {
  static final int SAME_ZONE = 0;
  static final int SAME_REGION = 1;
  static final int REMOTE = 2;

  private final Map<String, Integer> regions = new HashMap<>();
  private final Map<String, Map<String, Integer>> zones = new HashMap<>();
  private int zoneCount;
  private final int[] regionOf;
  private final int[] zoneOf;

  LocalityIndex(Fleet fleet) {
    regionOf = new int[fleet.idLimit()];
    zoneOf = new int[fleet.idLimit()];
    for (Endpoint e : fleet.endpoints()) {
      Locality l = e.spec().locality();
      regionOf[e.id()] = l == Locality.UNKNOWN ? -2 : regions.computeIfAbsent(l.region(), k -> regions.size());
      zoneOf[e.id()] = l.zone().isEmpty() || l == Locality.UNKNOWN ? -2 : zoneId(l);
    }
  }

  private int zoneId(Locality l) {
    Map<String, Integer> inRegion = zones.computeIfAbsent(l.region(), k -> new HashMap<>());
    Integer id = inRegion.get(l.zone());
    if (id == null) {
      id = zoneCount++;
      inRegion.put(l.zone(), id);
    }
    return id;
  }

  /** The origin's region id, or -1 when no endpoint is in its region. */
  int regionOf(Locality origin) {
    Integer id = origin == Locality.UNKNOWN ? null : regions.get(origin.region());
    return id == null ? -1 : id;
  }

  /** The origin's zone id, or -1 when no endpoint is in its zone (or it names none). */
  int zoneOf(Locality origin) {
    if (origin.zone().isEmpty() || origin == Locality.UNKNOWN) {
      return -1;
    }
    Map<String, Integer> inRegion = zones.get(origin.region());
    Integer id = inRegion == null ? null : inRegion.get(origin.zone());
    return id == null ? -1 : id;
  }

  /** {@link #SAME_ZONE}, {@link #SAME_REGION} or {@link #REMOTE}, as {@link Locality#proximity}. */
  int proximity(int originRegion, int originZone, int endpointId) {
    if (originRegion < 0 || regionOf[endpointId] != originRegion) {
      return REMOTE;
    }
    return originZone >= 0 && zoneOf[endpointId] == originZone ? SAME_ZONE : SAME_REGION;
  }
}
