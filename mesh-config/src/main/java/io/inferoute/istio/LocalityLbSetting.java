package io.inferoute.istio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code localityLbSetting} of a DestinationRule's load balancer, as Inferoute writes it.
 *
 * <p>Records here are not checked against istiod's rules: {@link LocalityLbValidator} does that,
 * before anything is published.
 *
 * @param distribute weighted entries, one per ingress-gateway locality; empty when not weighting
 * @param failover region failover entries; empty unless in failover mode
 */
public record LocalityLbSetting(List<Distribute> distribute, List<Failover> failover) {

  /** Locality load balancing on, Istio's default proximity failover, no explicit weights. */
  public static final LocalityLbSetting DEFAULT = new LocalityLbSetting(List.of(), List.of());

  public LocalityLbSetting {
    distribute = List.copyOf(distribute);
    failover = List.copyOf(failover);
  }

  /** The setting as the plain map that YAML/JSON rendering and the Kubernetes API take. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enabled", true);
    if (!distribute.isEmpty()) {
      List<Object> entries = new ArrayList<>();
      for (Distribute d : distribute) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("from", d.from());
        entry.put("to", new LinkedHashMap<>(d.to()));
        entries.add(entry);
      }
      out.put("distribute", entries);
    }
    if (!failover.isEmpty()) {
      List<Object> entries = new ArrayList<>();
      for (Failover f : failover) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("from", f.from());
        entry.put("to", f.to());
        entries.add(entry);
      }
      out.put("failover", entries);
    }
    return out;
  }

  /**
   * Traffic from clients in {@code from} is split over the {@code to} localities by weight.
   *
   * @param from a locality pattern, e.g. {@code eu-west/paris-1/*}
   * @param to locality pattern → weight, in a stable order
   */
  public record Distribute(String from, Map<String, Integer> to) {
    public Distribute {
      to = Collections.unmodifiableMap(new LinkedHashMap<>(to));
    }
  }

  /**
   * When no healthy endpoint is left in region {@code from}, traffic goes to region {@code to}.
   *
   * @param from a region name
   * @param to another region name
   */
  public record Failover(String from, String to) {}
}
