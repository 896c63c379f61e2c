package io.inferoute.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One route: which requests it takes and how they are placed.
 *
 * @param name unique within the policy
 * @param match which requests it takes; the first matching route wins
 * @param objective what it optimises
 * @param weights scorer weights (defaults from the objective)
 * @param ttftSlo p95 time-to-first-token target, or null when the route has none
 * @param allowedRegions regions its requests may run in; empty means anywhere
 * @param requiredHardware hardware labels an endpoint must all have
 * @param fallbackTiers the tiers it may use, in order of preference; empty means the policy order
 * @param affinity prefix and session affinity
 * @param maxCostPerMillionTokens budget, or null for none
 * @param priority shedding order under overload
 * @param timeout the whole request's deadline, or null for the gateway default
 * @param strategy how an endpoint is picked; anything but {@link PlacementStrategy#INFEROUTE} is a
 *     baseline that ignores the objective, weights, SLO and budget
 */
public record RouteSpec(
    String name,
    RouteMatch match,
    Objective objective,
    ScoreWeights weights,
    @Nullable Duration ttftSlo,
    Set<String> allowedRegions,
    Set<String> requiredHardware,
    List<String> fallbackTiers,
    AffinitySettings affinity,
    @Nullable Double maxCostPerMillionTokens,
    Priority priority,
    @Nullable Duration timeout,
    PlacementStrategy strategy) {

  public RouteSpec {
    Checks.name("route.name", name);
    allowedRegions = Set.copyOf(Checks.names("route.residency.allowedRegions", allowedRegions));
    requiredHardware = Set.copyOf(Checks.names("route.requiredHardware", requiredHardware));
    fallbackTiers = List.copyOf(Checks.names("route.fallback", fallbackTiers));
    if (Set.copyOf(fallbackTiers).size() != fallbackTiers.size()) {
      throw new IllegalArgumentException(
          "route " + name + ": fallback: " + fallbackTiers + " (expected: each tier once)");
    }
    if (ttftSlo != null) {
      Checks.positive("route.slo.ttftP95", ttftSlo);
    }
    if (maxCostPerMillionTokens != null) {
      Checks.nonNegative("route.budget.maxCostPerMillionTokens", maxCostPerMillionTokens);
    }
    if (timeout != null) {
      Checks.positive("route.timeout", timeout);
    }
  }

  /** A route with the objective's defaults, matching {@code match}. */
  public static RouteSpec of(String name, RouteMatch match, Objective objective) {
    return new RouteSpec(name, match, objective, objective.defaultWeights(), null, Set.of(),
        Set.of(), List.of(), AffinitySettings.DEFAULT, null, Priority.STANDARD, null,
        PlacementStrategy.INFEROUTE);
  }

  public RouteSpec withSlo(@Nullable Duration ttftP95) {
    return new RouteSpec(name, match, objective, weights, ttftP95, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withWeights(ScoreWeights weights) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withResidency(Set<String> allowedRegions) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withRequiredHardware(Set<String> requiredHardware) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withFallback(List<String> fallbackTiers) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withAffinity(AffinitySettings affinity) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withBudget(@Nullable Double maxCostPerMillionTokens) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withPriority(Priority priority) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }

  public RouteSpec withStrategy(PlacementStrategy strategy) {
    return new RouteSpec(name, match, objective, weights, ttftSlo, allowedRegions,
        requiredHardware, fallbackTiers, affinity, maxCostPerMillionTokens, priority, timeout,
        strategy);
  }
}
