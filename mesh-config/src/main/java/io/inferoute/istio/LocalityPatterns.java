package io.inferoute.istio;

import io.inferoute.policy.Locality;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The locality patterns Inferoute writes: {@code region/zone/*} or {@code region/*}.
 *
 * <p>Destinations are keyed by zone (subzones fold into their zone), except in a region where some
 * locality has no zone: there every locality folds into {@code region/*}, because {@code region/*}
 * next to {@code region/zone/*} would overlap, which istiod rejects. A trailing {@code *} matches the
 * endpoints' subzones, which Inferoute does not weight separately.
 */
final class LocalityPatterns {

  private LocalityPatterns() {}

  /** The pattern each destination locality is counted under. */
  static Map<Locality, String> destinations(Collection<Locality> localities) {
    Set<String> zonelessRegions = new HashSet<>();
    for (Locality l : localities) {
      if (l.zone().isEmpty()) {
        zonelessRegions.add(l.region());
      }
    }
    Map<Locality, String> out = new HashMap<>();
    for (Locality l : localities) {
      out.put(l, zonelessRegions.contains(l.region()) ? l.region() + "/*" : zonePattern(l));
    }
    return out;
  }

  /** The {@code from} pattern for an ingress-gateway locality. */
  static String from(Locality gateway) {
    return zonePattern(gateway);
  }

  /** Gateways' patterns sort zone-level first: Istio applies the first {@code from} that matches. */
  static int specificity(String pattern) {
    return pattern.split("/", -1).length;
  }

  private static String zonePattern(Locality l) {
    return l.zone().isEmpty() ? l.region() + "/*" : l.region() + "/" + l.zone() + "/*";
  }
}
