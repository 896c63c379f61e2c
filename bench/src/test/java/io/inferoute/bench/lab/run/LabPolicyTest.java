package io.inferoute.bench.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.FleetNode;
import io.inferoute.bench.lab.RunSpec;
import io.inferoute.bench.lab.Strategy;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LabPolicyTest {
  private static Map<String, Integer> ports(List<FleetNode> fleet) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (int i = 0; i < fleet.size(); i++) {
      ports.put(fleet.get(i).name(), 20_000 + i);
    }
    return ports;
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void everyStrategysPolicyForTheStandardFleetLoads(Strategy strategy) {
    List<FleetNode> fleet = LabFleet.standard();
    RunSpec spec = new RunSpec("chat", strategy, RunSpec.GatewayPath.HTTP, 1, null,
        Duration.ofMillis(800), 1);

    PolicyLoadResult loaded = PolicyLoader.parse(LabPolicy.yaml(spec, fleet, ports(fleet)), "lab.yaml");

    assertThat(loaded.ok()).as(loaded.describe()).isTrue();
    RoutingPolicy policy = loaded.requirePolicy();
    assertThat(policy.endpoints()).hasSize(fleet.size());
    assertThat(policy.endpoints().get(0).address().port()).isEqualTo(20_000);
    assertThat(policy.routes()).hasSize(2);
    assertThat(policy.routes().get(0).ttftSlo()).isEqualTo(Duration.ofMillis(800));
  }
}
