package io.inferoute.bench.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a lab run measured, for the report and plots.
 *
 * @param quick whether it ran in quick mode
 * @param scenarios the scenarios that ran, in order
 * @param results the result of each distinct run
 * @param capacities each workload's capacity, by {@link #capacityKey}
 * @param fleet the fleet
 * @param elapsedSeconds wall time of all runs
 * @param estimatedSeconds the plan's estimate
 */
public record LabResults(
    boolean quick,
    List<Scenario> scenarios,
    Map<PlannedRun.Key, RunResult> results,
    Map<String, Capacity> capacities,
    List<FleetNode> fleet,
    double elapsedSeconds,
    double estimatedSeconds) {

  public LabResults {
    scenarios = List.copyOf(scenarios);
    results = Map.copyOf(results);
    capacities = Map.copyOf(capacities);
    fleet = List.copyOf(fleet);
  }

  /** The key of a workload's capacity: its name and arrival process. */
  public static String capacityKey(PlannedRun run) {
    return run.workload().name() + " (" + run.arrivals().label() + ")";
  }

  /** The scenario named {@code name}, if it ran. */
  public Optional<Scenario> scenario(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The summaries of a scenario's runs that succeeded, in its order (shared runs included). */
  public List<RunSummary> summaries(String scenario) {
    List<RunSummary> out = new ArrayList<>();
    scenario(scenario).ifPresent(s -> s.runs().forEach(r -> summary(r).ifPresent(out::add)));
    return out;
  }

  /** The summary of {@code run}, if it ran and succeeded. */
  public Optional<RunSummary> summary(PlannedRun run) {
    RunResult result = results.get(run.key());
    return result == null ? Optional.empty() : Optional.ofNullable(result.summary());
  }

  /** The result of {@code run}, if it ran. */
  public Optional<RunResult> result(PlannedRun run) {
    return Optional.ofNullable(results.get(run.key()));
  }
}
