package io.inferoute.istio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Inferoute's own Kubernetes resources: ServiceAccount, RBAC, policy ConfigMap, Deployment, Service
 * and PodDisruptionBudget, as plain maps.
 */
final class KubernetesManifests {

  static final int HTTP_PORT = 8080;
  static final int ADMIN_PORT = 9090;
  private static final String POLICY_DIR = "/etc/inferoute";

  private KubernetesManifests() {}

  static List<Map<String, Object>> all(RenderOptions o, String policyText, Set<String> ruleNamespaces) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(resource("v1", "ServiceAccount", o.appName(), o.namespace(), o));
    out.addAll(rbac(o, ruleNamespaces));
    out.add(configMap(o, policyText));
    out.add(deployment(o));
    out.add(service(o));
    out.add(podDisruptionBudget(o));
    return out;
  }

  /**
   * Leases (leader election) and EndpointSlices in Inferoute's namespace; DestinationRules and
   * EndpointSlices in each namespace holding a rule; nodes (cluster-scoped, so a ClusterRole) for
   * the topology labels that give an endpoint its locality.
   */
  private static List<Map<String, Object>> rbac(RenderOptions o, Set<String> ruleNamespaces) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> own = List.of(
        rule("coordination.k8s.io", "leases", "get", "list", "watch", "create", "update", "patch"),
        rule("discovery.k8s.io", "endpointslices", "get", "list", "watch"));
    out.addAll(roleAndBinding("Role", o.appName(), o.namespace(), own, o));
    for (String ns : new TreeSet<>(ruleNamespaces)) {
      List<Object> rules = List.of(
          rule("networking.istio.io", "destinationrules", "get", "list", "watch", "create", "patch"),
          rule("discovery.k8s.io", "endpointslices", "get", "list", "watch"));
      out.addAll(roleAndBinding("Role", o.appName() + "-weights", ns, rules, o));
    }
    out.addAll(roleAndBinding("ClusterRole", o.appName() + "-nodes", null,
        List.of(rule("", "nodes", "get", "list", "watch")), o));
    return out;
  }

  private static List<Map<String, Object>> roleAndBinding(String kind, String name, @Nullable String namespace,
      List<Object> rules, RenderOptions o) {
    Map<String, Object> role = resource("rbac.authorization.k8s.io/v1", kind, name, namespace, o);
    role.put("rules", rules);
    Map<String, Object> binding = resource("rbac.authorization.k8s.io/v1", kind + "Binding", name, namespace, o);
    binding.put("roleRef", Yaml.map("apiGroup", "rbac.authorization.k8s.io", "kind", kind, "name", name));
    binding.put("subjects", List.of(Yaml.map("kind", "ServiceAccount", "name", o.appName(), "namespace", o.namespace())));
    return List.of(role, binding);
  }

  private static Map<String, Object> rule(String group, String resource, String... verbs) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiGroups", List.of(group));
    rule.put("resources", List.of(resource));
    rule.put("verbs", List.of(verbs));
    return rule;
  }

  private static Map<String, Object> configMap(RenderOptions o, String policyText) {
    Map<String, Object> cm = resource("v1", "ConfigMap", o.appName() + "-policy", o.namespace(), o);
    cm.put("data", Yaml.map("policy.yaml", policyText));
    return cm;
  }

  private static Map<String, Object> deployment(RenderOptions o) {
    Map<String, Object> d = resource("apps/v1", "Deployment", o.appName(), o.namespace(), o);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Yaml.map("labels", selector(o)));
    template.put("spec", podSpec(o));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", o.replicas());
    spec.put("selector", Yaml.map("matchLabels", selector(o)));
    spec.put("template", template);
    d.put("spec", spec);
    return d;
  }

  private static Map<String, Object> podSpec(RenderOptions o) {
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("serviceAccountName", o.appName());
    pod.put("securityContext", Yaml.map("runAsNonRoot", true, "seccompProfile", Yaml.map("type", "RuntimeDefault")));
    // Spread replicas over zones so one zone's loss leaves the ext_proc service up.
    pod.put("topologySpreadConstraints", List.of(Yaml.map("maxSkew", 1,
        "topologyKey", "topology.kubernetes.io/zone", "whenUnsatisfiable", "ScheduleAnyway",
        "labelSelector", Yaml.map("matchLabels", selector(o)))));
    pod.put("containers", List.of(container(o)));
    pod.put("volumes", List.of(Yaml.map("name", "policy", "configMap", Yaml.map("name", o.appName() + "-policy"))));
    return pod;
  }

  private static Map<String, Object> container(RenderOptions o) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", o.appName());
    c.put("image", o.image());
    c.put("args", List.of("serve", "--policy", POLICY_DIR + "/policy.yaml"));
    c.put("ports", List.of(port("http", HTTP_PORT), port("grpc", IstioRenderer.GRPC_PORT), port("admin", ADMIN_PORT)));
    // The Lease holder identity and the namespace for leader election and discovery.
    c.put("env", List.of(fieldEnv("POD_NAME", "metadata.name"), fieldEnv("POD_NAMESPACE", "metadata.namespace")));
    // The admin port binds 127.0.0.1; the kubelet probes the gRPC health service Envoy also checks.
    c.put("readinessProbe", Yaml.map("grpc", Yaml.map("port", IstioRenderer.GRPC_PORT,
        "service", "envoy.service.ext_proc.v3.ExternalProcessor"), "periodSeconds", 2));
    c.put("livenessProbe", Yaml.map("tcpSocket", Yaml.map("port", IstioRenderer.GRPC_PORT),
        "periodSeconds", 10, "failureThreshold", 3));
    c.put("resources", Yaml.map("requests", Yaml.map("cpu", "1", "memory", "1Gi"), "limits", Yaml.map("memory", "2Gi")));
    c.put("securityContext", Yaml.map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
        "capabilities", Yaml.map("drop", List.of("ALL"))));
    c.put("volumeMounts", List.of(Yaml.map("name", "policy", "mountPath", POLICY_DIR, "readOnly", true)));
    return c;
  }

  private static Map<String, Object> fieldEnv(String name, String path) {
    return Yaml.map("name", name, "valueFrom", Yaml.map("fieldRef", Yaml.map("fieldPath", path)));
  }

  private static Map<String, Object> port(String name, int number) {
    return Yaml.map("name", name, "containerPort", number, "protocol", "TCP");
  }

  private static Map<String, Object> service(RenderOptions o) {
    Map<String, Object> s = resource("v1", "Service", o.appName(), o.namespace(), o);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", selector(o));
    // appProtocol grpc: Istio then speaks HTTP/2 to the ext_proc port whatever its name.
    spec.put("ports", List.of(
        servicePort("grpc", IstioRenderer.GRPC_PORT, "grpc"),
        servicePort("http", HTTP_PORT, "http")));
    s.put("spec", spec);
    return s;
  }

  private static Map<String, Object> servicePort(String name, int port, String appProtocol) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("port", port);
    p.put("targetPort", name);
    p.put("protocol", "TCP");
    p.put("appProtocol", appProtocol);
    return p;
  }

  private static Map<String, Object> podDisruptionBudget(RenderOptions o) {
    Map<String, Object> pdb = resource("policy/v1", "PodDisruptionBudget", o.appName(), o.namespace(), o);
    pdb.put("spec", Yaml.map("minAvailable", 1, "selector", Yaml.map("matchLabels", selector(o))));
    return pdb;
  }

  private static Map<String, Object> selector(RenderOptions o) {
    return Yaml.map("app.kubernetes.io/name", o.appName());
  }

  static Map<String, Object> resource(String apiVersion, String kind, String name, @Nullable String namespace,
      RenderOptions o) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", Yaml.map("app.kubernetes.io/name", o.appName(), "app.kubernetes.io/part-of", "inferoute"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    out.put("metadata", metadata);
    return out;
  }
}
