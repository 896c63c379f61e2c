package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.testing.FakeTicker;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FleetComposerTest {
  private static RoutingPolicy demo() throws Exception {
    return PolicyLoader.parse(Files.readString(CliRun.docs("examples/demo.yaml")), "demo.yaml")
        .requirePolicy();
  }

  private static EndpointSpec discovered(String name, String tier) {
    return EndpointSpec.builder(name).address("10.8.0.1:8000").tier(tier)
        .locality("local/region-b/pod-9").models("llama-3.1-8b").build();
  }

  @Test
  void discoveredEndpointsJoinTheDeclaredOnesAndLeaveWhenGone() throws Exception {
    RoutingPolicy policy = demo();
    try (RoutingEngine engine = RoutingEngine.create(policy, new FakeTicker())) {
      FleetComposer composer = new FleetComposer(policy, engine::apply);
      composer.onDiscovered(List.of(discovered("npu-pod-1", "regional-npu")));
      assertThat(engine.fleet().size()).isEqualTo(policy.endpoints().size() + 1);
      assertThat(engine.fleet().byName("npu-pod-1")).isNotNull();
      var stayed = engine.fleet().byName("edge-a-1");
      composer.onDiscovered(List.of());
      assertThat(engine.fleet().byName("npu-pod-1")).isNull();
      assertThat(engine.fleet().byName("edge-a-1").telemetry()).isSameAs(stayed.telemetry());
    }
  }

  @Test
  void declaredEndpointsWinNameClashesAndUnknownTiersAreLeftOut() throws Exception {
    RoutingPolicy policy = demo();
    AtomicReference<RoutingPolicy> applied = new AtomicReference<>();
    FleetComposer composer = new FleetComposer(policy, applied::set);
    composer.onDiscovered(List.of(discovered("edge-a-1", "regional-npu"),
        discovered("gpu-pod-7", "on-prem"), discovered("npu-pod-2", "regional-npu")));
    RoutingPolicy merged = applied.get();
    assertThat(merged.endpoints()).extracting(EndpointSpec::name)
        .containsOnlyOnce("edge-a-1").contains("npu-pod-2").doesNotContain("gpu-pod-7");
    assertThat(merged.endpointsByName().get("edge-a-1").tier()).isEqualTo("edge-gpu");
  }

  @Test
  void aReloadedPolicyKeepsTheDiscoveredEndpoints() throws Exception {
    RoutingPolicy policy = demo();
    AtomicReference<RoutingPolicy> applied = new AtomicReference<>();
    FleetComposer composer = new FleetComposer(policy, applied::set);
    composer.onDiscovered(List.of(discovered("npu-pod-1", "regional-npu")));
    RoutingPolicy smaller = new RoutingPolicy("smaller", policy.tiers(), policy.rtt(),
        policy.endpoints().subList(0, 2), List.of(), policy.defaultRoute(), policy.breaker(),
        policy.telemetry());
    composer.onPolicy(smaller);
    assertThat(applied.get().name()).isEqualTo("smaller");
    assertThat(applied.get().endpoints()).extracting(EndpointSpec::name)
        .containsExactly("edge-a-1", "edge-a-2", "npu-pod-1");
  }
}
