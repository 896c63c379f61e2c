package io.inferoute.bench;

import io.inferoute.policy.AffinitySettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Objective;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded fleets and prompts for the benchmarks: three tiers over several regions. */
public final class BenchFleets {
  public static final String MODEL = "llama-3.1-8b";

  private BenchFleets() {}

  /** {@code n} endpoints: 40 % edge, 40 % regional, 20 % cloud, spread over 4 regions. */
  public static RoutingPolicy policy(int n) {
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
          .models(MODEL).hardware(tier.equals("regional-npu") ? "npu" : "nvidia-gpu")
          .cost(0.05 + random.nextDouble(), 0.2 + random.nextDouble() * 2, 0)
          .maxConcurrency(16 + random.nextInt(48))
          .speeds(2_000 + random.nextInt(20_000), 30 + random.nextInt(60)).build());
    }
    RouteSpec chat = RouteSpec.of("chat", RouteMatch.model(MODEL), Objective.LATENCY)
        .withSlo(Duration.ofMillis(300))
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    return RoutingPolicy.of("bench", endpoints, List.of(chat));
  }

  /**
   * {@code count} prompts of about {@code chars} characters sharing {@code systems} system prompts
   * (half of each prompt), as multi-turn chat traffic does.
   */
  static String[] prompts(int count, int chars, int systems) {
    Random random = new Random(7);
    String[] system = new String[systems];
    for (int i = 0; i < systems; i++) {
      system[i] = text(random, chars / 2);
    }
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = system[i % systems] + text(random, chars - chars / 2);
    }
    return out;
  }

  private static String text(Random random, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      sb.append((char) ('a' + random.nextInt(26)));
      if (random.nextInt(6) == 0) {
        sb.append(' ');
      }
    }
    sb.setLength(chars);
    return sb.toString();
  }
}
