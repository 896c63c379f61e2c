package io.inferoute.policy.yaml;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.policy.RttTable;
import io.inferoute.policy.TelemetrySettings;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Maps a whole document to a {@link RoutingPolicy}, in dependency order (tiers, then endpoints,
 * then routes) whatever order the file uses, so references can be checked where they appear.
 */
final class PolicyMapper {
  static final String API_VERSION = "inferoute.io/v1alpha1";
  static final String KIND = "RoutingPolicy";
  static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA = List.of("name", "namespace", "labels", "annotations");
  static final List<String> SPEC = List.of("tiers", "localities", "endpoints", "routes",
      "defaultRoute", "breaker", "telemetry");

  private final NodeReader r;

  PolicyMapper(NodeReader r) {
    this.r = r;
  }

  /** The policy, with every error reported; null when there is any. */
  @Nullable Mapped map(Node root) {
    Fields top = r.fields(root, "", TOP);
    if (top == null) {
      return null;
    }
    header(top);
    String name = metadata(top);
    Fields spec = r.mapping(top, "spec", SPEC);
    if (!r.require(top, "spec") || spec == null) {
      return null;
    }
    return spec(spec, name);
  }

  private void header(Fields top) {
    if (r.require(top, "apiVersion")) {
      exact(top, "apiVersion", API_VERSION);
    }
    if (r.require(top, "kind")) {
      exact(top, "kind", KIND);
    }
  }

  private void exact(Fields f, String key, String expected) {
    String value = r.string(f, key, expected);
    if (value != null && !value.equals(expected)) {
      r.problems().error(f.get(key), f.path(key),
          NodeReader.quote(value) + " is not supported (expected: " + expected + ")");
    }
  }

  private @Nullable String metadata(Fields top) {
    Fields f = r.mapping(top, "metadata", METADATA);
    if (!r.require(top, "metadata") || f == null) {
      return null;
    }
    r.require(f, "name");
    r.name(f, "namespace", NameKind.NAME);
    r.stringMap(f, "labels", NameKind.MODEL);
    r.stringMap(f, "annotations", NameKind.MODEL);
    return r.name(f, "name", NameKind.NAME);
  }

  private @Nullable Mapped spec(Fields spec, @Nullable String name) {
    int before = r.problems().errorCount();
    List<String> tiers = spec.has("tiers") ? tiers(spec) : RoutingPolicy.DEFAULT_TIERS;
    RttTable rtt = new SettingsMapper(r).rtt(spec);
    List<EndpointSpec> endpoints = endpoints(spec, tiers);
    Set<String> models = endpoints == null ? null : models(endpoints);
    RouteMapper routeMapper = new RouteMapper(r, tiers, models);
    List<Node> routeNodes = r.list(spec, "routes");
    List<RouteSpec> routes = routeNodes == null ? List.of() : routeMapper.map(routeNodes, spec.path("routes"));
    RouteSpec defaultRoute = defaultRoute(spec, routeMapper);
    BreakerSettings breaker = new SettingsMapper(r).breaker(spec);
    TelemetrySettings telemetry = new SettingsMapper(r).telemetry(spec);
    if (r.problems().errorCount() > before || name == null || tiers == null || endpoints == null
        || routes == null || defaultRoute == null || breaker == null) {
      return null;
    }
    RoutingPolicy policy = Build.at(r, spec.node(), spec.path(), () -> new RoutingPolicy(name, tiers,
        rtt, endpoints, routes, defaultRoute, breaker, telemetry));
    return policy == null ? null : new Mapped(policy, spec, routeNodes == null ? List.of() : routeNodes);
  }

  private @Nullable List<String> tiers(Fields spec) {
    List<String> tiers = r.names(spec, "tiers", NameKind.NAME);
    if (tiers != null && tiers.isEmpty()) {
      r.problems().error(spec.get("tiers"), spec.path("tiers"), "[] is empty (expected: at least one tier)");
      return null;
    }
    return tiers;
  }

  private @Nullable List<EndpointSpec> endpoints(Fields spec, @Nullable List<String> tiers) {
    r.require(spec, "endpoints");
    List<Node> items = r.list(spec, "endpoints");
    if (items != null && items.isEmpty()) {
      r.problems().error(spec.get("endpoints"), spec.path("endpoints"),
          "[] is empty (expected: at least one endpoint)");
      return null;
    }
    return items == null ? null : new EndpointMapper(r, tiers).map(items, spec.path("endpoints"));
  }

  private @Nullable RouteSpec defaultRoute(Fields spec, RouteMapper routes) {
    if (!spec.has("defaultRoute")) {
      return RouteSpec.of(RouteMapper.DEFAULT_NAME, RouteMatch.ANY, io.inferoute.policy.Objective.BALANCED);
    }
    Fields f = r.mapping(spec, "defaultRoute", RouteMapper.DEFAULT_ROUTE_FIELDS);
    return f == null ? null : routes.defaultRoute(f);
  }

  private static Set<String> models(List<EndpointSpec> endpoints) {
    Set<String> models = new TreeSet<>();
    for (EndpointSpec e : endpoints) {
      models.addAll(e.models());
    }
    return models;
  }

  /** A mapped policy with the nodes warnings point at. */
  record Mapped(RoutingPolicy policy, Fields spec, List<Node> routeNodes) {}
}
