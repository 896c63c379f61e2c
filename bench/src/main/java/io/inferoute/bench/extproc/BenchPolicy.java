package io.inferoute.bench.extproc;

import io.inferoute.policy.AffinitySettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Objective;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The policy Inferoute routes with during the benchmark. */
final class BenchPolicy {
  private BenchPolicy() {}

  /** The policy in {@code file}, failing with the loader's problems if it is not valid. */
  static RoutingPolicy load(Path file) {
    return PolicyLoader.load(file).requirePolicy();
  }

  /**
   * {@code n} endpoints serving {@link RequestSet#MODEL}: 40 % edge GPU, 40 % regional NPU, 20 %
   * cloud over four regions (seeded), and a latency route with a 300 ms SLO and prefix affinity
   * (64-character blocks, up to 256) — the fleet of the JMH decision benchmark.
   */
  static RoutingPolicy fleet(int n) {
    List<EndpointSpec> endpoints = new ArrayList<>(n);
    Random random = new Random(42);
    String[] regions = {"asia", "eu", "us", "sa"};
    for (int i = 0; i < n; i++) {
      int bucket = i % 5;
      String tier = bucket < 2 ? "edge-gpu" : bucket < 4 ? "regional-npu" : "cloud";
      String region = regions[i % regions.length];
      endpoints.add(EndpointSpec.builder("ep-" + i)
          .address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":8000")
          .tier(tier).locality(region + "/" + region + "-" + (i % 3) + "/rack-" + (i % 7))
          .models(RequestSet.MODEL).hardware(tier.equals("regional-npu") ? "npu" : "nvidia-gpu")
          .cost(0.05 + random.nextDouble(), 0.2 + random.nextDouble() * 2, 0)
          .maxConcurrency(16 + random.nextInt(48))
          .speeds(2_000 + random.nextInt(20_000), 30 + random.nextInt(60)).build());
    }
    RouteSpec chat = RouteSpec.of("chat", RouteMatch.model(RequestSet.MODEL), Objective.LATENCY)
        .withSlo(Duration.ofMillis(300))
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    return RoutingPolicy.of("extproc-bench", endpoints, List.of(chat));
  }
}
