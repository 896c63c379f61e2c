package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.Objective;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the pipeline over random fleets, routes, loads and requests. */
class RoutingProperties {
  private static final List<String> REGIONS = List.of("asia", "eu", "us");
  private static final List<String> HARDWARE = List.of("nvidia-gpu", "npu", "nvidia-h100");

  record Scenario(List<EndpointSpec> endpoints, RouteSpec route, List<Integer> inFlight,
      String origin, int promptChars, List<Integer> subset) {}

  @Property(tries = 300)
  void neverPicksAFilteredEndpointNorViolatesResidency(@ForAll("scenarios") Scenario s) {
    RoutingPolicy policy = TestFleets.policy(s.endpoints(), s.route());
    try (RoutingEngine engine = RoutingEngine.create(policy, new FakeTicker())) {
      List<Endpoint> all = engine.fleet().endpoints();
      for (int i = 0; i < all.size(); i++) {
        for (int k = 0; k < s.inFlight().get(i); k++) {
          engine.dispatched(all.get(i));
        }
      }
      Set<String> subset = subset(s, all);
      RoutingRequest request = new RoutingRequest(TestFleets.MODEL, "/v1/chat/completions",
          Headers.NONE, "p".repeat(s.promptChars()), RoutingRequest.estimateTokens(s.promptChars()),
          128, Locality.parse(s.origin()), subset);
      Decision d = engine.decide(request);
      if (d instanceof Placement p) {
        List<Endpoint> chosen = new ArrayList<>(p.fallbacks());
        chosen.add(0, p.primary());
        assertThat(new HashSet<>(chosen)).as("no duplicates").hasSize(chosen.size());
        for (Endpoint e : chosen) {
          assertEligible(s.route(), e, subset, request);
        }
      } else {
        // A rejection must be justified: no endpoint passes every filter.
        for (Endpoint e : all) {
          if (passesAll(s.route(), e, subset, request)) {
            throw new AssertionError("rejected " + d + " although " + e + " was eligible");
          }
        }
      }
    }
  }

  private static void assertEligible(RouteSpec route, Endpoint e, Set<String> subset,
      RoutingRequest request) {
    assertThat(passesAll(route, e, subset, request)).as("%s eligible under %s", e, route).isTrue();
    if (!route.allowedRegions().isEmpty()) {
      assertThat(route.allowedRegions()).contains(e.spec().locality().region());
    }
  }

  private static boolean passesAll(RouteSpec route, Endpoint e, Set<String> subset,
      RoutingRequest request) {
    EndpointSpec spec = e.spec();
    List<String> tiers = route.fallbackTiers().isEmpty() ? RoutingPolicy.DEFAULT_TIERS : route.fallbackTiers();
    return tiers.contains(spec.tier())
        && (route.allowedRegions().isEmpty() || route.allowedRegions().contains(spec.locality().region()))
        && spec.hardware().containsAll(route.requiredHardware())
        && (subset == null || subset.contains(e.address()))
        && e.telemetry().inFlight() < spec.maxConcurrency()
        && (route.maxCostPerMillionTokens() == null || spec.cost().perMillionTokens(
            request.promptTokens(), request.maxOutputTokens()) <= route.maxCostPerMillionTokens());
  }

  private static Set<String> subset(Scenario s, List<Endpoint> all) {
    if (s.subset().isEmpty()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (int i : s.subset()) {
      out.add(all.get(i % all.size()).address());
    }
    return out;
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<EndpointSpec>> fleets = endpoint().list().ofMinSize(1).ofMaxSize(12)
        .map(RoutingProperties::renumber);
    return Combinators.combine(fleets, route(), Arbitraries.integers().between(0, 40).list().ofSize(12),
        Arbitraries.of("asia/a", "asia/b/r1", "eu/x", "us/y/z"),
        Arbitraries.integers().between(0, 3_000),
        Arbitraries.integers().between(0, 11).list().ofMaxSize(4))
        .as(Scenario::new);
  }

  private static List<EndpointSpec> renumber(List<EndpointSpec> specs) {
    List<EndpointSpec> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      EndpointSpec e = specs.get(i);
      out.add(new EndpointSpec("e" + i, new io.inferoute.policy.HostPort("10.9.0." + (i + 1), 8000),
          e.tier(), e.locality(), e.models(), e.hardware(), e.cost(), e.maxConcurrency(),
          e.maxQueue(), e.prefillTokensPerSecond(), e.decodeTokensPerSecond(), null));
    }
    return out;
  }

  private Arbitrary<EndpointSpec> endpoint() {
    return Combinators.combine(Arbitraries.of(RoutingPolicy.DEFAULT_TIERS),
        Arbitraries.of(REGIONS), Arbitraries.of("a", "b"), Arbitraries.subsetOf(HARDWARE),
        Arbitraries.doubles().between(0, 2), Arbitraries.integers().between(1, 32),
        Arbitraries.doubles().between(500, 50_000))
        .as((tier, region, zone, hw, price, conc, speed) -> EndpointSpec.builder("x")
            .tier(tier).locality(region + "/" + zone).models(TestFleets.MODEL)
            .hardware(hw.toArray(String[]::new)).cost(price, price * 3, 0)
            .maxConcurrency(conc).speeds(speed, 50).build());
  }

  private Arbitrary<RouteSpec> route() {
    return Combinators.combine(Arbitraries.of(Objective.class),
        Arbitraries.subsetOf(REGIONS), Arbitraries.subsetOf(HARDWARE).ofMaxSize(1),
        Arbitraries.shuffle(RoutingPolicy.DEFAULT_TIERS), Arbitraries.integers().between(1, 3),
        Arbitraries.of(0.0, 0.3, 1.0, 5.0).injectNull(0.5),
        Arbitraries.integers().between(5, 2_000).injectNull(0.3))
        .as((objective, regions, hw, tiers, tierCount, budget, slo) -> RouteSpec.of("r", RouteMatch.ANY, objective)
            .withResidency(regions).withRequiredHardware(hw).withFallback(tiers.subList(0, tierCount))
            .withBudget(budget)
            .withSlo(slo == null ? null : Duration.ofMillis(slo)));
  }
}
