package io.inferoute.routing;

import io.inferoute.endpoint.Fleet;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;

/**
 * One immutable pairing of a policy and a fleet, compiled so that a decision is array walks and
 * arithmetic. Swapped whole through one volatile reference; a decision reads one from start to end.
 */
final class CompiledPolicy {
  final RoutingPolicy policy;
  final Fleet fleet;
  final CompiledRoute[] routes;
  final CompiledRoute defaultRoute;
  final int panicThresholdPercent;
  final LocalityIndex localities;

  CompiledPolicy(RoutingPolicy policy, Fleet fleet) {
    this.policy = policy;
    this.fleet = fleet;
    this.localities = new LocalityIndex(fleet);
    this.routes = new CompiledRoute[policy.routes().size()];
    for (int i = 0; i < routes.length; i++) {
      routes[i] = compile(policy.routes().get(i));
    }
    this.defaultRoute = compile(policy.defaultRoute());
    this.panicThresholdPercent = policy.breaker().healthyPanicThresholdPercent();
  }

  private CompiledRoute compile(RouteSpec spec) {
    return new CompiledRoute(spec, policy.tiers(), policy.rtt(), fleet);
  }

  /** The first route that matches, else the default route. */
  CompiledRoute route(RoutingRequest request) {
    for (CompiledRoute r : routes) {
      if (r.matches(request)) {
        return r;
      }
    }
    return defaultRoute;
  }
}
