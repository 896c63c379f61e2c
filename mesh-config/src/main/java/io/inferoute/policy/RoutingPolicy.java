package io.inferoute.policy;

import io.inferoute.internal.Checks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole routing policy: tiers, endpoints, routes and fleet-wide settings.
 *
 * <p>The constructor checks cross-references (endpoint tiers, route fallback tiers, unique names),
 * so a policy that exists can be compiled without further checks. Routes are matched in order;
 * when none matches, a request gets {@link #defaultRoute()}.
 */
public record RoutingPolicy(
    String name,
    List<String> tiers,
    RttTable rtt,
    List<EndpointSpec> endpoints,
    List<RouteSpec> routes,
    RouteSpec defaultRoute,
    BreakerSettings breaker,
    TelemetrySettings telemetry) {

  /** The default tier order: edge first, then regional, then cloud. */
  public static final List<String> DEFAULT_TIERS = List.of("edge-gpu", "regional-npu", "cloud");

  public RoutingPolicy {
    Checks.name("metadata.name", name);
    tiers = List.copyOf(Checks.names("spec.tiers", tiers));
    endpoints = List.copyOf(endpoints);
    routes = List.copyOf(routes);
    unique("spec.tiers", tiers);
    Set<String> tierSet = Set.copyOf(tiers);
    Set<String> endpointNames = new HashSet<>();
    for (EndpointSpec e : endpoints) {
      if (!endpointNames.add(e.name())) {
        throw new IllegalArgumentException(
            "spec.endpoints: \"" + e.name() + "\" appears twice (expected: unique names)");
      }
      requireTier("spec.endpoints[" + e.name() + "].tier", e.tier(), tierSet);
    }
    Set<String> routeNames = new HashSet<>();
    for (RouteSpec r : routes) {
      if (!routeNames.add(r.name())) {
        throw new IllegalArgumentException(
            "spec.routes: \"" + r.name() + "\" appears twice (expected: unique names)");
      }
      for (String t : r.fallbackTiers()) {
        requireTier("spec.routes[" + r.name() + "].fallback", t, tierSet);
      }
    }
    for (String t : defaultRoute.fallbackTiers()) {
      requireTier("spec.defaultRoute.fallback", t, tierSet);
    }
  }

  /** A policy with default tiers, RTTs and settings and a balanced default route. */
  public static RoutingPolicy of(String name, List<EndpointSpec> endpoints, List<RouteSpec> routes) {
    return new RoutingPolicy(name, DEFAULT_TIERS, RttTable.DEFAULT, endpoints, routes,
        RouteSpec.of("default", RouteMatch.ANY, Objective.BALANCED), BreakerSettings.DEFAULT,
        TelemetrySettings.DEFAULT);
  }

  /** The endpoints by name. */
  public Map<String, EndpointSpec> endpointsByName() {
    Map<String, EndpointSpec> byName = new HashMap<>();
    for (EndpointSpec e : endpoints) {
      byName.put(e.name(), e);
    }
    return byName;
  }

  private static void unique(String field, List<String> values) {
    if (Set.copyOf(values).size() != values.size()) {
      throw new IllegalArgumentException(field + ": " + values + " (expected: each name once)");
    }
  }

  private static void requireTier(String field, String tier, Set<String> tiers) {
    if (!tiers.contains(tier)) {
      throw new IllegalArgumentException(
          field + ": \"" + tier + "\" is not a tier (expected one of: " + tiers + ")");
    }
  }
}
