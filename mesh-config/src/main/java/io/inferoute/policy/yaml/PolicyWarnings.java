package io.inferoute.policy.yaml;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Objective;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Finds settings that are valid but probably not what the operator meant: a route no endpoint can
 * serve, an SLO below the best possible round trip, a tier without endpoints, an unreachable route,
 * scoring settings on a route whose baseline strategy ignores them.
 */
final class PolicyWarnings {
  private final Problems problems;
  private final RoutingPolicy policy;

  PolicyWarnings(Problems problems, RoutingPolicy policy) {
    this.problems = problems;
    this.policy = policy;
  }

  void check(PolicyMapper.Mapped mapped) {
    emptyTiers(mapped.spec());
    List<RouteSpec> routes = policy.routes();
    for (int i = 0; i < routes.size(); i++) {
      Node node = mapped.routeNodes().get(i);
      String path = "spec.routes[" + i + "]";
      route(routes.get(i), node, path);
      shadowed(routes, i, node, path);
    }
    Node defaultNode = mapped.spec().has("defaultRoute") ? mapped.spec().get("defaultRoute") : mapped.spec().node();
    route(policy.defaultRoute(), defaultNode, "spec.defaultRoute");
  }

  private void emptyTiers(Fields spec) {
    for (String tier : policy.tiers()) {
      boolean used = policy.endpoints().stream().anyMatch(e -> e.tier().equals(tier));
      if (!used) {
        Node at = spec.has("tiers") ? spec.get("tiers") : spec.node();
        problems.warn(at, "spec.tiers", NodeReader.quote(tier) + " has no endpoints");
      }
    }
  }

  private void route(RouteSpec route, Node node, String path) {
    if (candidates(route).isEmpty()) {
      problems.warn(node, path, "no endpoint can serve this route (" + constraints(route) + ")");
      return;
    }
    baselineIgnores(route, node, path);
    Duration best = bestRtt();
    if (route.ttftSlo() != null && route.ttftSlo().compareTo(best) < 0) {
      problems.warn(node, path + ".slo.ttftP95", Units.format(route.ttftSlo())
          + " is below the best possible round trip " + Units.format(best)
          + " (spec.localities.rtt): the SLO can never be met");
    }
  }

  /** A baseline strategy places without the objective, weights, SLO and budget: say so if set. */
  private void baselineIgnores(RouteSpec route, Node node, String path) {
    if (!route.strategy().baseline()) {
      return;
    }
    List<String> ignored = new ArrayList<>();
    if (route.objective() != Objective.BALANCED
        || !route.weights().equals(route.objective().defaultWeights())) {
      ignored.add("objective/weights");
    }
    if (route.ttftSlo() != null) {
      ignored.add("slo");
    }
    if (route.maxCostPerMillionTokens() != null) {
      ignored.add("budget");
    }
    if (!ignored.isEmpty()) {
      problems.warn(node, path + ".strategy", String.join(", ", ignored) + " not used by strategy "
          + NodeReader.quote(route.strategy().wireName())
          + " (a baseline uses none of Inferoute's scorers, SLO or budget)");
    }
  }

  private void shadowed(List<RouteSpec> routes, int i, Node node, String path) {
    for (int j = 0; j < i; j++) {
      if (routes.get(j).match().equals(routes.get(i).match())) {
        problems.warn(node, path, "never matched: route \"" + routes.get(j).name()
            + "\" before it has the same match");
        return;
      }
    }
  }

  /** Endpoints a route's hard constraints leave; mirrors the engine's filters. */
  private List<EndpointSpec> candidates(RouteSpec route) {
    List<String> tiers = route.fallbackTiers().isEmpty() ? policy.tiers() : route.fallbackTiers();
    String model = route.match().model();
    List<EndpointSpec> out = new ArrayList<>();
    for (EndpointSpec e : policy.endpoints()) {
      if ((model == null || e.models().contains(model))
          && tiers.contains(e.tier())
          && (route.allowedRegions().isEmpty() || route.allowedRegions().contains(e.locality().region()))
          && e.hardware().containsAll(route.requiredHardware())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String constraints(RouteSpec route) {
    List<String> parts = new ArrayList<>();
    if (route.match().model() != null) {
      parts.add("model " + route.match().model());
    }
    if (!route.fallbackTiers().isEmpty()) {
      parts.add("tiers " + route.fallbackTiers());
    }
    if (!route.allowedRegions().isEmpty()) {
      parts.add("regions " + sorted(route.allowedRegions()));
    }
    if (!route.requiredHardware().isEmpty()) {
      parts.add("hardware " + sorted(route.requiredHardware()));
    }
    return String.join(", ", parts);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  private Duration bestRtt() {
    Duration best = policy.rtt().sameZone();
    best = best.compareTo(policy.rtt().sameRegion()) < 0 ? best : policy.rtt().sameRegion();
    return best.compareTo(policy.rtt().remote()) < 0 ? best : policy.rtt().remote();
  }
}
