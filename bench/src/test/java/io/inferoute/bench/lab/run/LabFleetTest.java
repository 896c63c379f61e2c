package io.inferoute.bench.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.FleetNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabFleetTest {
  private final List<FleetNode> fleet = LabFleet.standard();

  @Test
  void standardFleetHasTwoEdgeNodesPerSiteFourRegionalAndTwoCloud() {
    Map<String, Long> byTier = fleet.stream()
        .collect(Collectors.groupingBy(FleetNode::tier, Collectors.counting()));

    assertThat(fleet).hasSizeGreaterThanOrEqualTo(12);
    assertThat(fleet).extracting(FleetNode::name).doesNotHaveDuplicates();
    assertThat(byTier).containsEntry("edge-gpu", 6L).containsEntry("regional-npu", 4L)
        .containsEntry("cloud", 2L);
    for (String site : LabFleet.edgeSites()) {
      assertThat(fleet).filteredOn(n -> n.locality().equals(site)).hasSize(2)
          .allMatch(n -> n.tier().equals("edge-gpu"));
    }
  }

  @Test
  void edgeIsFastAndSmallRegionalIsSlowBigAndCheapCloudIsDear() {
    FleetNode edge = node("edge-gpu");
    FleetNode npu = node("regional-npu");
    FleetNode cloud = node("cloud");

    assertThat(edge.prefillTokensPerSecond()).isGreaterThan(npu.prefillTokensPerSecond());
    assertThat(edge.kvCacheBlocks()).isLessThan(npu.kvCacheBlocks());
    assertThat(edge.maxConcurrency()).isLessThan(npu.maxConcurrency());
    assertThat(npu.inputPricePerMillion()).isLessThan(edge.inputPricePerMillion());
    assertThat(cloud.inputPricePerMillion()).isGreaterThan(edge.inputPricePerMillion());
  }

  @Test
  void roundTripsGrowFromTheSiteToItsRegionToElsewhere() {
    String paris = LabFleet.edgeSites().get(0);

    assertThat(LabFleet.rtt(paris, named("edge-paris-1"))).isEqualTo(Duration.ofMillis(2));
    assertThat(LabFleet.rtt(paris, named("npu-eu-west-1"))).isEqualTo(Duration.ofMillis(15));
    assertThat(LabFleet.rtt(paris, named("npu-eu-central-1"))).isEqualTo(Duration.ofMillis(70));
    assertThat(LabFleet.rtt(paris, named("cloud-1"))).isEqualTo(Duration.ofMillis(70));
  }

  @Test
  void simulatorsTakeTheRoundTripOfTheRequestsSite() {
    var sim = LabFleet.simulator(named("edge-lyon-1"));

    assertThat(sim.networkDelay("eu-west/lyon")).isEqualTo(Duration.ofMillis(2));
    assertThat(sim.networkDelay("eu-west/paris")).isEqualTo(Duration.ofMillis(15));
    assertThat(sim.networkDelay(null)).isEqualTo(Duration.ofMillis(2));
    assertThat(sim.models()).containsExactly(LabFleet.MODEL);
    assertThat(sim.speedUp()).isEqualTo(1);
  }

  private FleetNode node(String tier) {
    return fleet.stream().filter(n -> n.tier().equals(tier)).findFirst().orElseThrow();
  }

  private FleetNode named(String name) {
    return fleet.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }
}
