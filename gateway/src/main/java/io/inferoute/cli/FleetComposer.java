package io.inferoute.cli;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.RoutingPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Joins the endpoints a policy file declares with those discovered from Kubernetes into the one
 * policy the engine runs, whichever of the two changed.
 *
 * <p>Declared endpoints win a name clash; a discovered endpoint whose tier the policy does not
 * name is left out (and logged), since every endpoint must belong to a tier the routes know. An
 * endpoint that disappears leaves the fleet at once; requests already sent to it finish, since they
 * hold their endpoint.
 */
final class FleetComposer {
  private static final System.Logger LOG = System.getLogger(FleetComposer.class.getName());

  private final Consumer<RoutingPolicy> target;
  private RoutingPolicy declared;
  private List<EndpointSpec> discovered = List.of();

  FleetComposer(RoutingPolicy declared, Consumer<RoutingPolicy> target) {
    this.declared = declared;
    this.target = target;
  }

  /** A new policy file was accepted. */
  synchronized void onPolicy(RoutingPolicy policy) {
    this.declared = policy;
    target.accept(compose());
  }

  /** Discovery's current view of the cluster. */
  synchronized void onDiscovered(List<EndpointSpec> endpoints) {
    this.discovered = List.copyOf(endpoints);
    target.accept(compose());
  }

  /** The declared policy with the usable discovered endpoints added. */
  synchronized RoutingPolicy compose() {
    if (discovered.isEmpty()) {
      return declared;
    }
    Set<String> names = new HashSet<>();
    List<EndpointSpec> all = new ArrayList<>(declared.endpoints());
    for (EndpointSpec e : all) {
      names.add(e.name());
    }
    Set<String> tiers = Set.copyOf(declared.tiers());
    for (EndpointSpec e : discovered) {
      if (!tiers.contains(e.tier())) {
        LOG.log(System.Logger.Level.WARNING, "discovered endpoint " + e.name() + " has tier \""
            + e.tier() + "\", which the policy does not name (expected one of " + declared.tiers() + "): left out");
      } else if (names.add(e.name())) {
        all.add(e);
      }
    }
    return new RoutingPolicy(declared.name(), declared.tiers(), declared.rtt(), all,
        declared.routes(), declared.defaultRoute(), declared.breaker(), declared.telemetry());
  }
}
