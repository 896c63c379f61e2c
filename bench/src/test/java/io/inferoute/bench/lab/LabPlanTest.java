package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.RunSpec.GatewayPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabPlanTest {

  @Test
  void fullPlanFitsTenMinutesOnTheBudget() {
    assertThat(LabPlan.estimatedSeconds(LabPlan.scenarios(false))).isLessThanOrEqualTo(600);
  }

  @Test
  void quickPlanIsAQuarterOfTheFullOne() {
    // 14 runs of 1.5 s (the failure run 3 s) plus the measured per-run overhead.
    assertThat(LabPlan.estimatedSeconds(LabPlan.scenarios(true))).isLessThanOrEqualTo(150);
    assertThat(LabPlan.distinctRuns(LabPlan.scenarios(true))).hasSize(14);
  }

  @Test
  void quickKeepsEveryScenarioAndTheWholeHeadline() {
    List<Scenario> quick = LabPlan.scenarios(true);
    List<Scenario> full = LabPlan.scenarios(false);
    assertThat(quick).extracting(Scenario::name).containsExactly("chat", "sweep", "documents",
        "mixed", "failure", "replicas");
    assertThat(full).extracting(Scenario::name).isEqualTo(quick.stream().map(Scenario::name).toList());
    for (List<Scenario> plan : List.of(quick, full)) {
      Scenario chat = plan.get(0);
      assertThat(chat.runs()).filteredOn(r -> r.path() == GatewayPath.HTTP)
          .extracting(PlannedRun::strategy).containsExactly(Strategy.values());
      assertThat(chat.runs()).filteredOn(r -> r.path() == GatewayPath.EXT_PROC)
          .extracting(PlannedRun::strategy).containsExactly(Strategy.LATENCY);
    }
  }

  @Test
  void sharedRunsRunOnce() {
    List<Scenario> full = LabPlan.scenarios(false);
    int planned = full.stream().mapToInt(s -> s.runs().size()).sum();
    // the sweep's 4 points at 1.0× and the 2 single-replica runs are chat runs
    assertThat(LabPlan.distinctRuns(full)).hasSize(planned - 6).hasSize(34);
  }

  @Test
  void fullSweepGoesFromLightToBeyondCapacity() {
    Scenario sweep = LabPlan.scenarios(false).get(1);
    assertThat(sweep.runs().stream().map(PlannedRun::load).distinct().sorted().toList())
        .containsExactly(0.3, 0.6, 0.9, 1.1);
  }
}
