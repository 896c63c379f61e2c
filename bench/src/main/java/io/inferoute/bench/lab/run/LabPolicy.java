package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.FleetNode;
import io.inferoute.bench.lab.RunSpec;
import io.inferoute.bench.lab.Strategy;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The routing policy of one lab run: every fleet node at its simulator's address, and two routes
 * (interactive with the run's TTFT SLO, batch) that both use the run's strategy.
 */
final class LabPolicy {
  /** Header that marks a request interactive or batch. */
  static final String PRIORITY_HEADER = "x-priority";

  /** Header that names a conversation, for session affinity. */
  static final String SESSION_HEADER = "x-session-id";

  /** Header that names the client's edge site; the gateway reads its origin from it. */
  static final String ORIGIN_HEADER = "x-client-locality";

  private LabPolicy() {}

  /**
   * The policy YAML for {@code spec} over {@code fleet}, whose simulators listen on 127.0.0.1 at
   * {@code ports} (by node name).
   */
  static String yaml(RunSpec spec, List<FleetNode> fleet, Map<String, Integer> ports) {
    StringBuilder y = new StringBuilder(4096);
    y.append("apiVersion: inferoute.io/v1alpha1\nkind: RoutingPolicy\nmetadata:\n  name: ")
        .append(name(spec)).append("\nspec:\n  tiers: [edge-gpu, regional-npu, cloud]\n")
        .append("  localities:\n    rtt: {sameZone: ").append(duration(LabFleet.RTT.sameZone()))
        .append(", sameRegion: ").append(duration(LabFleet.RTT.sameRegion()))
        .append(", remote: ").append(duration(LabFleet.RTT.remote())).append("}\n  endpoints:\n");
    for (FleetNode node : fleet) {
      Integer port = ports.get(node.name());
      if (port == null) {
        throw new IllegalArgumentException("ports: no port for " + node.name()
            + " (expected one per fleet node: " + ports.keySet() + ")");
      }
      endpoint(y, node, port);
    }
    y.append("  routes:\n");
    route(y, spec, "interactive", spec.ttftSlo(), "interactive");
    route(y, spec, "batch", null, "batch");
    // Short windows: a run lasts seconds, and the router should follow a kill and a revive.
    y.append("  breaker: {consecutive5xx: 5, consecutiveGatewayFailures: 3, interval: 5s,")
        .append(" baseEjectionTime: 2s, maxEjectionTime: 10s, maxEjection: 50%}\n")
        .append("  telemetry: {windowInterval: 1s, windowIntervals: 5, loadReportMaxAge: 2s}\n");
    return y.toString();
  }

  /**
   * Writes the policy to {@code file} (atomically) and loads it as the gateway will.
   *
   * @throws IllegalStateException with the loader's errors when the policy is not valid
   */
  static void write(Path file, String yaml) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    PolicyLoadResult loaded = PolicyLoader.load(file);
    if (!loaded.ok()) {
      throw new IllegalStateException("lab policy " + file + " is not valid:\n" + loaded.describe());
    }
  }

  private static void endpoint(StringBuilder y, FleetNode node, int port) {
    String address = "127.0.0.1:" + port;
    y.append("    - name: ").append(node.name()).append('\n')
        .append("      address: ").append(address).append('\n')
        .append("      tier: ").append(node.tier()).append('\n')
        .append("      locality: ").append(node.locality()).append('\n')
        .append("      models: [").append(LabFleet.MODEL).append("]\n")
        .append("      hardware: [").append(node.tier().equals("regional-npu") ? "npu" : "nvidia-gpu")
        .append("]\n")
        .append("      cost: {inputPerMillionTokens: ").append(number(node.inputPricePerMillion()))
        .append(", outputPerMillionTokens: ").append(number(node.outputPricePerMillion())).append("}\n")
        .append("      maxConcurrency: ").append(node.maxConcurrency()).append('\n')
        .append("      maxQueue: ").append(node.maxQueue()).append('\n')
        .append("      speeds: {prefillTokensPerSecond: ").append(number(node.prefillTokensPerSecond()))
        .append(", decodeTokensPerSecond: ").append(number(node.decodeTokensPerSecond())).append("}\n")
        .append("      metrics: {url: http://").append(address).append("/metrics, engine: vllm}\n");
  }

  private static void route(StringBuilder y, RunSpec spec, String name, @Nullable Duration slo,
      String priority) {
    Strategy s = spec.strategy();
    y.append("    - name: ").append(name).append('\n')
        .append("      match: {headers: {").append(PRIORITY_HEADER).append(": ").append(name).append("}}\n");
    y.append("      strategy: ").append(s.policyStrategy()).append('\n');
    if (s.objective() != null) {
      y.append("      objective: ").append(s.objective()).append('\n');
    }
    if (slo != null) {
      y.append("      slo: {ttftP95: ").append(duration(slo)).append("}\n");
    }
    y.append("      fallback: [edge-gpu, regional-npu, cloud]\n")
        .append("      affinity: {prefix: {blockChars: 64, maxBlocks: 256}, sessionHeader: ")
        .append(SESSION_HEADER).append("}\n")
        .append("      priority: ").append(priority).append('\n')
        .append("      timeout: 60s\n");
  }

  private static String name(RunSpec spec) {
    String n = ("lab-" + spec.scenario() + "-" + spec.strategy().name())
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return n.length() > 63 ? n.substring(0, 63) : n;
  }

  private static String duration(Duration d) {
    return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() / 1_000 + "us";
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
