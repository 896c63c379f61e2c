package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.FleetNode;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RttTable;
import io.inferoute.sim.SimulatedEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab's standard fleet: three edge sites with two GPU nodes each, four regional NPU nodes in
 * the two regions of those sites, two cloud endpoints in a far region, and the round trips between
 * them.
 *
 * <p>The service is prefill-dominated, so prefix caching matters: for a 4,000-token prompt an edge
 * GPU node spends 0.5 s on a cold prefill and about nothing on a warm one (TTFT), then ~1 s
 * decoding 96 tokens while holding one of its 8 slots. Edge nodes are fast and near but hold few
 * prompts (2,048 blocks = 32k tokens); regional NPU nodes prefill at 3,000 tokens/s (1.3 s cold),
 * are cheaper and hold eight times more; the cloud is fast and dear, 70 ms from every site. With
 * such prompts (2k–6k tokens, 64–128 output tokens) the fleet serves about 85 requests/s when
 * every prompt is cold and about 120/s when most hit the cache, so 15 s near capacity is roughly
 * 1,000–1,500 requests.
 */
public final class LabFleet {
  /** The model every node serves; the lab's traces must ask for it. */
  public static final String MODEL = "llama-3.1-8b";

  /** Round trips from a client site: 2 ms in its zone, 15 ms in its region, 70 ms elsewhere. */
  public static final RttTable RTT =
      new RttTable(Duration.ofMillis(2), Duration.ofMillis(15), Duration.ofMillis(70));

  /** Delay added when a request names no origin, by tier (its typical proximity). */
  static final Map<String, Duration> TIER_DELAYS = Map.of(
      "edge-gpu", RTT.sameZone(), "regional-npu", RTT.sameRegion(), "cloud", RTT.remote());

  private static final List<String> SITES = List.of("eu-west/paris", "eu-west/lyon", "eu-central/berlin");

  private LabFleet() {}

  /** The edge sites clients send from, as {@code region/zone} (each hosts two edge GPU nodes). */
  public static List<String> edgeSites() {
    return SITES;
  }

  /** The standard fleet of 12 nodes: 6 edge GPU, 4 regional NPU, 2 cloud. */
  public static List<FleetNode> standard() {
    List<FleetNode> nodes = new ArrayList<>();
    for (String site : SITES) {
      String zone = site.substring(site.indexOf('/') + 1);
      for (int i = 1; i <= 2; i++) {
        nodes.add(new FleetNode("edge-" + zone + "-" + i, "edge-gpu", site,
            8_000, 100, 2_048, 8, 8, 0.10, 0.40));
      }
    }
    for (String region : List.of("eu-west", "eu-central")) {
      for (int i = 1; i <= 2; i++) {
        nodes.add(new FleetNode("npu-" + region + "-" + i, "regional-npu", region + "/" + region + "-dc",
            3_000, 60, 16_384, 12, 24, 0.04, 0.16));
      }
    }
    for (int i = 1; i <= 2; i++) {
      nodes.add(new FleetNode("cloud-" + i, "cloud", "us-east/us-east-" + (char) ('a' + i - 1),
          20_000, 150, 65_536, 16, 32, 0.60, 2.40));
    }
    return List.copyOf(nodes);
  }

  /** The round trip from a client at {@code origin} ({@code region/zone}) to {@code node}. */
  public static Duration rtt(String origin, FleetNode node) {
    return RTT.of(Locality.parse(origin).proximity(Locality.parse(node.locality())));
  }

  /** A real-time simulator for {@code node} on a free port, with its locality and the lab's RTTs. */
  static SimulatedEndpoint simulator(FleetNode node) {
    Duration tierDelay = TIER_DELAYS.getOrDefault(node.tier(), RTT.remote());
    return SimulatedEndpoint.builder(node.name())
        .models(MODEL)
        .tierDelay(tierDelay)
        .speeds(node.prefillTokensPerSecond(), node.decodeTokensPerSecond())
        .kvCacheBlocks(node.kvCacheBlocks())
        .maxConcurrency(node.maxConcurrency())
        .maxQueue(node.maxQueue())
        .locality(Locality.parse(node.locality()), RTT)
        .build();
  }
}
