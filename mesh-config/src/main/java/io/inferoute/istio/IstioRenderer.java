package io.inferoute.istio;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RoutingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Renders what {@code inferoute render istio --policy FILE} prints: the manifests to deploy Inferoute
 * beside Istio, as YAML documents.
 *
 * <p>In order: one DestinationRule per pool Service (outlier detection from the policy's breaker
 * settings; initial locality weights from the endpoints' declared capacity, as if idle), the
 * EnvoyFilter inserting ext_proc, a ServiceEntry per cloud host, then Inferoute's ServiceAccount,
 * RBAC, policy ConfigMap, Deployment, Service and PodDisruptionBudget. Every locality setting passes
 * {@link LocalityLbValidator} before it is written.
 */
public final class IstioRenderer {

  /** The ext_proc gRPC port. */
  public static final int GRPC_PORT = 9002;

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private IstioRenderer() {}

  /**
   * The manifests as YAML documents, each starting with {@code ---}.
   *
   * @param policy the validated policy
   * @param policyText the policy file's text, shipped in a ConfigMap
   * @throws IllegalArgumentException when a rendered locality setting breaks istiod's rules (a bug)
   */
  public static String render(RoutingPolicy policy, String policyText, RenderOptions options) {
    return Yaml.writeAll(documents(policy, policyText, options));
  }

  /** The manifests as plain maps, in rendering order. */
  public static List<Map<String, Object>> documents(RoutingPolicy policy, String policyText, RenderOptions options) {
    List<DestinationRuleTarget> pools = pools(policy, options);
    List<Map<String, Object>> out = new ArrayList<>();
    for (DestinationRuleTarget pool : pools) {
      out.add(destinationRule(policy, pool, options));
    }
    out.add(envoyFilter(options));
    out.addAll(serviceEntries(policy, options));
    Set<String> ruleNamespaces = new TreeSet<>();
    pools.forEach(p -> ruleNamespaces.add(p.namespace()));
    out.addAll(KubernetesManifests.all(options, policyText, ruleNamespaces));
    return out;
  }

  /** The explicit pools, or one per tier that has in-cluster endpoints: Service {@code <tier>.<appNamespace>}. */
  public static List<DestinationRuleTarget> pools(RoutingPolicy policy, RenderOptions options) {
    if (!options.pools().isEmpty()) {
      return options.pools();
    }
    List<DestinationRuleTarget> out = new ArrayList<>();
    for (String tier : policy.tiers()) {
      if (policy.endpoints().stream().anyMatch(e -> e.tier().equals(tier) && !external(e))) {
        out.add(new DestinationRuleTarget(tier, options.appNamespace(), tier + "-locality",
            tier + "." + options.appNamespace() + ".svc.cluster.local"));
      }
    }
    return out;
  }

  private static Map<String, Object> destinationRule(RoutingPolicy policy, DestinationRuleTarget pool,
      RenderOptions options) {
    List<LocalityTelemetry> rows = new ArrayList<>();
    for (EndpointSpec e : policy.endpoints()) {
      if (e.tier().equals(pool.service()) && !external(e)) {
        rows.add(new LocalityTelemetry(pool.service(), e.locality(), 1, e.maxConcurrency(), 0, 0, -1, null, 0,
            e.cost().perMillionTokens(1_000, 1_000)));
      }
    }
    LocalityWeightCalculator calculator = new LocalityWeightCalculator(options.weights());
    LocalityLbSetting setting = calculator.target(rows, options.gatewayLocalities());
    LocalityLbValidator.requireValid(setting, pool.ref());
    return DestinationRules.full(pool, setting, policy.breaker());
  }

  private static Map<String, Object> envoyFilter(RenderOptions options) {
    @SuppressWarnings("unchecked")
    Map<String, Object> filter = Yaml.JSON.convertValue(
        Yaml.readTree(EnvoyFilterTemplate.render(options)), LinkedHashMap.class);
    return filter;
  }

  /** One MESH_EXTERNAL ServiceEntry per cloud host, its endpoints carrying their localities. */
  private static List<Map<String, Object>> serviceEntries(RoutingPolicy policy, RenderOptions options) {
    Map<String, List<EndpointSpec>> byHost = new TreeMap<>();
    for (EndpointSpec e : policy.endpoints()) {
      if (external(e)) {
        byHost.computeIfAbsent(e.address().host(), h -> new ArrayList<>()).add(e);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byHost.forEach((host, endpoints) -> out.add(serviceEntry(policy, options, host, endpoints)));
    return out;
  }

  private static Map<String, Object> serviceEntry(RoutingPolicy policy, RenderOptions options, String host,
      List<EndpointSpec> endpoints) {
    Map<Integer, Map<String, Object>> ports = new TreeMap<>();
    List<Object> entries = new ArrayList<>();
    for (EndpointSpec e : endpoints) {
      int port = e.address().port();
      boolean tls = port == 443;
      ports.putIfAbsent(port, Yaml.map("number", port, "name", (tls ? "tls-" : "http-") + port,
          "protocol", tls ? "TLS" : "HTTP"));
      Map<String, Object> endpoint = new LinkedHashMap<>();
      endpoint.put("address", host);
      if (!e.locality().equals(Locality.UNKNOWN)) {
        endpoint.put("locality", e.locality().toString());
      }
      if (!entries.contains(endpoint)) {
        entries.add(endpoint);
      }
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("hosts", List.of(host));
    spec.put("location", "MESH_EXTERNAL");
    spec.put("resolution", "DNS");
    spec.put("ports", new ArrayList<>(ports.values()));
    spec.put("endpoints", entries);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", policy.name() + "-" + host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
    metadata.put("namespace", options.appNamespace());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "networking.istio.io/v1");
    out.put("kind", "ServiceEntry");
    out.put("metadata", metadata);
    out.put("spec", spec);
    return out;
  }

  /** A DNS name outside the cluster: a cloud endpoint, reached through a ServiceEntry. */
  static boolean external(EndpointSpec e) {
    String host = e.address().host().toLowerCase(Locale.ROOT);
    boolean ip = host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    boolean inCluster = host.endsWith(".svc") || host.endsWith(".cluster.local") || host.indexOf('.') < 0;
    return !ip && !inCluster;
  }
}
