package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.RoutingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {
  static RoutingPolicy policy() {
    return RoutingPolicy.of("t", List.of(
        EndpointSpec.builder("edge-1").address("127.0.0.1:18101").tier("edge-gpu").models("llama")
            .speeds(12_000, 60).maxConcurrency(8).maxQueue(16).build(),
        EndpointSpec.builder("cloud-1").address("127.0.0.1:18102").tier("cloud").models("llama", "qwen")
            .speeds(20_000, 120).build()), List.of());
  }

  @Test
  void mapsPolicyEndpointsToSimulatedOnes() {
    List<SimulatedEndpoint> endpoints = SimulatedFleet.endpointsOf(policy(), SimulatedFleet.DEFAULT_TIER_DELAYS, 5);

    assertThat(endpoints).hasSize(2);
    SimulatedEndpoint edge = endpoints.get(0);
    assertThat(edge.name()).isEqualTo("edge-1");
    assertThat(edge.port()).isEqualTo(18101);
    assertThat(edge.tierDelay()).isEqualTo(Duration.ofMillis(2));
    assertThat(edge.prefillTokensPerSecond()).isEqualTo(12_000);
    assertThat(edge.decodeTokensPerSecond()).isEqualTo(60);
    assertThat(edge.maxConcurrency()).isEqualTo(8);
    assertThat(edge.maxQueue()).isEqualTo(16);
    assertThat(edge.speedUp()).isEqualTo(5);
    SimulatedEndpoint cloud = endpoints.get(1);
    assertThat(cloud.tierDelay()).isEqualTo(Duration.ofMillis(80));
    assertThat(cloud.models()).containsExactlyInAnyOrder("llama", "qwen");
    assertThat(cloud.maxQueue()).isEqualTo(EndpointSpec.DEFAULT_MAX_QUEUE);
  }

  @Test
  void refusesATierWithoutDelay() {
    assertThatThrownBy(() -> SimulatedFleet.endpointsOf(policy(), Map.of("cloud", Duration.ZERO), 1))
        .hasMessage("tierDelays: no delay for tier \"edge-gpu\" of endpoint edge-1 (expected one of: [cloud])");
  }

  @Test
  void startsAndStopsSeveralServersOnTheirPorts() {
    List<SimulatedEndpoint> endpoints = List.of(
        SimulatedEndpoint.builder("a").models("m").build(), SimulatedEndpoint.builder("b").models("m").build());
    int portA;
    try (SimulatedFleet fleet = SimulatedFleet.start(endpoints)) {
      portA = fleet.server("a").port();
      assertThat(fleet.servers()).hasSize(2);
      assertThat(portA).isPositive().isNotEqualTo(fleet.server("b").port());
      assertThat(SimHttp.to(fleet.server("b")).get("/v1/models").statusCode()).isEqualTo(200);
    }
    try (SimulatedFleet again = SimulatedFleet.start(List.of(SimulatedEndpoint.builder("a").port(portA).models("m").build()))) {
      assertThat(again.server("a").port()).isEqualTo(portA);
    }
  }

  @Test
  void refusesDuplicateNamesAndUnknownServers() {
    SimulatedEndpoint a = SimulatedEndpoint.builder("a").models("m").build();

    assertThatThrownBy(() -> SimulatedFleet.start(List.of(a, a)))
        .hasMessage("endpoints: \"a\" appears twice (expected: unique names)");
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(a))) {
      assertThatThrownBy(() -> fleet.server("z")).hasMessage("server: \"z\" (expected one of: [a])");
    }
  }

  @Test
  void validatesEndpointConfiguration() {
    assertThatThrownBy(() -> SimulatedEndpoint.builder("a").build())
        .hasMessage("models: [] (expected: at least one model)");
    assertThatThrownBy(() -> SimulatedEndpoint.builder("a").models("m").speedUp(0).build())
        .hasMessage("speedUp: 0.0 (expected: a finite number > 0)");
    assertThatThrownBy(() -> SimulatedEndpoint.builder("a").models("m").maxConcurrency(0).build())
        .hasMessage("maxConcurrency: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new ErrorInjection(1.5, 0, 0, 0))
        .hasMessage("serverErrorRate: 1.5 (expected: 0..1)");
  }
}
