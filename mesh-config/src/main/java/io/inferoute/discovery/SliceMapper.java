package io.inferoute.discovery;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.HostPort;
import io.inferoute.policy.Locality;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * EndpointSlices and nodes → {@link EndpointSpec}s.
 *
 * <p>Address and port from the slice; locality from the node's {@code topology.kubernetes.io/region}
 * and {@code zone} labels (the endpoint's own {@code zone} when the node is unknown); tier, hardware
 * and models from the slice's labels, which the EndpointSlice controller copies from the Service
 * ({@code inferoute.io/tier}, {@code inferoute.io/hardware}, {@code inferoute.io/models}; label
 * values cannot hold commas, so several values are joined by {@code _}; models default to the
 * Service name). An endpoint counts only while ready (unset counts as ready, as Kubernetes says)
 * and not terminating.
 */
final class SliceMapper {

  static final String TIER = "inferoute.io/tier";
  static final String HARDWARE = "inferoute.io/hardware";
  static final String MODELS = "inferoute.io/models";
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String REGION = "topology.kubernetes.io/region";
  static final String ZONE = "topology.kubernetes.io/zone";

  private SliceMapper() {}

  /** Every ready endpoint of the slices, by name (sorted, each address:port once). */
  static Map<String, EndpointSpec> map(Collection<EndpointSlice> slices, Function<String, @Nullable Node> nodes,
      DiscoverySettings settings) {
    Map<String, EndpointSpec> out = new TreeMap<>();
    for (EndpointSlice slice : slices) {
      Integer port = port(slice, settings.portName());
      if (port == null || port < 1 || port > 65535 || slice.getEndpoints() == null) {
        continue;
      }
      for (Endpoint endpoint : slice.getEndpoints()) {
        if (serving(endpoint) && endpoint.getAddresses() != null && !endpoint.getAddresses().isEmpty()) {
          EndpointSpec spec = spec(slice, endpoint, port, nodes, settings);
          out.putIfAbsent(spec.name(), spec);
        }
      }
    }
    return out;
  }

  private static @Nullable Integer port(EndpointSlice slice, @Nullable String name) {
    if (slice.getPorts() == null) {
      return null;
    }
    for (EndpointPort p : slice.getPorts()) {
      if (name == null || name.equals(p.getName())) {
        return p.getPort();
      }
    }
    return null;
  }

  static boolean serving(Endpoint endpoint) {
    EndpointConditions c = endpoint.getConditions();
    boolean ready = c == null || c.getReady() == null || c.getReady();
    boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
    return ready && !terminating;
  }

  private static EndpointSpec spec(EndpointSlice slice, Endpoint endpoint, int port,
      Function<String, @Nullable Node> nodes, DiscoverySettings settings) {
    Map<String, String> labels = slice.getMetadata().getLabels() == null ? Map.of() : slice.getMetadata().getLabels();
    String service = labels.getOrDefault(SERVICE_NAME, slice.getMetadata().getName());
    String address = endpoint.getAddresses().get(0);
    HostPort hostPort = new HostPort(address, port);
    String name = (service + "-" + hostPort).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    return EndpointSpec.builder(name)
        .address(hostPort.toString())
        .tier(labels.getOrDefault(TIER, settings.defaultTier()))
        .locality(locality(endpoint, nodes).toString())
        .models(values(labels.getOrDefault(MODELS, service)).toArray(String[]::new))
        .hardware(values(labels.getOrDefault(HARDWARE, "")).toArray(String[]::new))
        .maxConcurrency(settings.maxConcurrency())
        .build();
  }

  static Locality locality(Endpoint endpoint, Function<String, @Nullable Node> nodes) {
    Node node = endpoint.getNodeName() == null ? null : nodes.apply(endpoint.getNodeName());
    Map<String, String> labels = node == null || node.getMetadata().getLabels() == null
        ? Map.of() : node.getMetadata().getLabels();
    String region = labels.getOrDefault(REGION, "");
    String zone = labels.getOrDefault(ZONE, endpoint.getZone() == null ? "" : endpoint.getZone());
    if (region.isEmpty()) {
      return Locality.UNKNOWN;
    }
    try {
      return new Locality(region, zone, "");
    } catch (IllegalArgumentException e) {
      return Locality.UNKNOWN;
    }
  }

  private static Set<String> values(String label) {
    return Set.copyOf(Arrays.stream(label.split("_")).filter(s -> !s.isEmpty()).toList());
  }
}
