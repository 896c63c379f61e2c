package io.inferoute.http;

import io.inferoute.policy.Priority;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The priority and deadline of each route of the active policy, rebuilt only when the policy
 * changes (one identity compare per request otherwise).
 */
final class RouteTable {
  private record Snapshot(RoutingPolicy policy, Map<String, RouteSpec> routes) {}

  private final Supplier<RoutingPolicy> policies;
  private final Duration defaultTimeout;
  private volatile Snapshot snapshot;

  RouteTable(Supplier<RoutingPolicy> policies, Duration defaultTimeout) {
    this.policies = policies;
    this.defaultTimeout = defaultTimeout;
    this.snapshot = build(policies.get());
  }

  /** The route's priority; STANDARD for a route the policy no longer has. */
  Priority priority(String route) {
    RouteSpec spec = current().routes.get(route);
    return spec == null ? Priority.STANDARD : spec.priority();
  }

  /** The route's deadline, or the gateway default when it sets none. */
  Duration timeout(String route) {
    RouteSpec spec = current().routes.get(route);
    Duration t = spec == null ? null : spec.timeout();
    return t == null ? defaultTimeout : t;
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    RoutingPolicy policy = policies.get();
    if (s.policy != policy) {
      s = build(policy);
      snapshot = s;
    }
    return s;
  }

  private static Snapshot build(RoutingPolicy policy) {
    Map<String, RouteSpec> routes = new HashMap<>();
    routes.put(policy.defaultRoute().name(), policy.defaultRoute());
    for (RouteSpec r : policy.routes()) {
      routes.put(r.name(), r);
    }
    return new Snapshot(policy, Map.copyOf(routes));
  }
}
