package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code strategy} field of routes and the default route, as the loader reads it. */
class PlacementStrategyPolicyTest {
  private static String withRoutes(String routes) {
    return TestPolicies.valid("p", 2) + routes;
  }

  @Test
  void everyWireNameIsAcceptedOnARouteAndTheDefaultRoute() {
    for (PlacementStrategy s : PlacementStrategy.values()) {
      String text = withRoutes("""
            routes:
              - name: chat
                match: {model: llama-3.1-8b}
                strategy: %s
            defaultRoute:
              strategy: %s
          """.formatted(s.wireName(), s.wireName()));

      PolicyLoadResult result = PolicyLoader.parse(text, "p.yaml");

      assertThat(result.errors()).as(result.describe()).isEmpty();
      assertThat(result.requirePolicy().routes().get(0).strategy()).isEqualTo(s);
      assertThat(result.requirePolicy().defaultRoute().strategy()).isEqualTo(s);
    }
  }

  @Test
  void strategyDefaultsToInferoute() {
    RoutingPolicy p = PolicyLoader.parse(withRoutes("""
          routes:
            - name: chat
              match: {model: llama-3.1-8b}
        """), "p.yaml").requirePolicy();

    assertThat(p.routes().get(0).strategy()).isEqualTo(PlacementStrategy.INFEROUTE);
    assertThat(p.defaultRoute().strategy()).isEqualTo(PlacementStrategy.INFEROUTE);
  }

  @Test
  void misspeltStrategyIsAPositionedErrorListingEveryStrategy() {
    PolicyLoadResult result = PolicyLoader.parse(withRoutes("""
          defaultRoute:
            strategy: round-robbin
        """), "p.yaml");

    assertThat(result.ok()).isFalse();
    assertThat(result.errors()).extracting(PolicyProblem::toString).containsExactly(
        "p.yaml:18:15: spec.defaultRoute.strategy: \"round-robbin\" is not a strategy (expected one of:"
            + " inferoute, least-request, prefix-affinity, random, round-robin;"
            + " did you mean \"round-robin\"?)");
  }

  @Test
  void unrelatedStrategyListsTheChoicesWithoutAGuess() {
    PolicyLoadResult result = PolicyLoader.parse(withRoutes("""
          defaultRoute:
            strategy: maglev
        """), "p.yaml");

    assertThat(result.errors()).extracting(PolicyProblem::withoutFile).containsExactly(
        "18:15: spec.defaultRoute.strategy: \"maglev\" is not a strategy (expected one of:"
            + " inferoute, least-request, prefix-affinity, random, round-robin)");
  }

  @Test
  void warnsThatABaselineIgnoresObjectiveSloAndBudget() {
    PolicyLoadResult result = PolicyLoader.parse(withRoutes("""
          routes:
            - name: chat
              match: {model: llama-3.1-8b}
              objective: latency
              slo: {ttftP95: 500ms}
              budget: {maxCostPerMillionTokens: 1}
              strategy: least-request
        """), "p.yaml");

    assertThat(result.ok()).isTrue();
    assertThat(result.warnings()).extracting(PolicyProblem::withoutFile).containsExactly(
        "18:7: spec.routes[0].strategy: objective/weights, slo, budget not used by strategy"
            + " \"least-request\" (a baseline uses none of Inferoute's scorers, SLO or budget)");
  }

  @Test
  void inferouteStrategyWarnsAboutNothing() {
    PolicyLoadResult result = PolicyLoader.parse(withRoutes("""
          routes:
            - name: chat
              match: {model: llama-3.1-8b}
              objective: latency
              slo: {ttftP95: 500ms}
              strategy: inferoute
        """), "p.yaml");

    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void wireNamesAreLowerCaseWithHyphens() {
    assertThat(PlacementStrategy.ROUND_ROBIN.wireName()).isEqualTo("round-robin");
    assertThat(PlacementStrategy.PREFIX_AFFINITY.wireName()).isEqualTo("prefix-affinity");
    assertThat(PlacementStrategy.INFEROUTE.baseline()).isFalse();
    assertThat(PlacementStrategy.RANDOM.baseline()).isTrue();
  }
}
