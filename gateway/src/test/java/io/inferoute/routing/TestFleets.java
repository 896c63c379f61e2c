package io.inferoute.routing;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Objective;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.policy.RttTable;
import io.inferoute.policy.TelemetrySettings;
import java.time.Duration;
import java.util.List;

/** Small fleets for routing tests: an edge site, a regional pool and a cloud endpoint. */
final class TestFleets {
  static final String MODEL = "llama-3.1-8b";

  private TestFleets() {}

  static EndpointSpec edge(String name, int port) {
    return EndpointSpec.builder(name).address("10.0.0." + port + ":8000").tier("edge-gpu")
        .locality("asia/tokyo-a/rack-1").models(MODEL).hardware("nvidia-gpu", "nvidia-l4")
        .cost(0.10, 0.40, 0).maxConcurrency(8).speeds(10_000, 60).build();
  }

  static EndpointSpec regional(String name, int port) {
    return EndpointSpec.builder(name).address("10.1.0." + port + ":8000").tier("regional-npu")
        .locality("asia/osaka-b/pod-1").models(MODEL).hardware("npu")
        .cost(0.05, 0.20, 0).maxConcurrency(32).speeds(6_000, 40).build();
  }

  static EndpointSpec cloud(String name, int port) {
    return EndpointSpec.builder(name).address("10.2.0." + port + ":8000").tier("cloud")
        .locality("us-east/us-east-1a").models(MODEL).hardware("nvidia-gpu", "nvidia-h100")
        .cost(0.50, 1.50, 0).maxConcurrency(128).speeds(20_000, 80).build();
  }

  /** Two edge, three regional, one cloud. */
  static List<EndpointSpec> standardFleet() {
    return List.of(edge("edge-1", 1), edge("edge-2", 2), regional("npu-1", 1),
        regional("npu-2", 2), regional("npu-3", 3), cloud("cloud-1", 1));
  }

  static RoutingPolicy policy(List<EndpointSpec> endpoints, RouteSpec... routes) {
    return new RoutingPolicy("test", RoutingPolicy.DEFAULT_TIERS, RttTable.DEFAULT, endpoints,
        List.of(routes), RouteSpec.of("default", RouteMatch.ANY, Objective.BALANCED),
        BreakerSettings.DEFAULT, TelemetrySettings.DEFAULT);
  }

  static RouteSpec latencyRoute(long sloMillis) {
    return RouteSpec.of("chat", RouteMatch.model(MODEL), Objective.LATENCY)
        .withSlo(Duration.ofMillis(sloMillis));
  }

  /** Breaker settings that eject after one 5xx, with every endpoint ejectable. */
  static BreakerSettings twitchyBreaker(int panicThresholdPercent) {
    return new BreakerSettings(1, 1, Duration.ofSeconds(10), 0, 20, Duration.ofSeconds(30),
        Duration.ofSeconds(300), 100, 1, panicThresholdPercent);
  }
}
