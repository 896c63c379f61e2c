package io.inferoute.bench.lab;

import io.inferoute.bench.lab.RunSpec.GatewayPath;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The per-scenario sections, the fleet and the definitions of the lab's report. */
final class LabSections {
  private LabSections() {}

  static String fleet(LabResults r) {
    StringBuilder md = new StringBuilder("### Fleet and capacity\n\n");
    md.append(r.fleet().size()).append(" simulated endpoints (").append(LabReport.tierCounts(r.fleet()))
        .append("), run in real time in the lab's JVM behind fresh gateway processes per run:\n\n");
    md.append(Cells.header(3, "endpoint", "tier", "locality", "prefill tok/s", "decode tok/s",
        "KV blocks", "slots", "queue", "$ in / out per 1M"));
    for (FleetNode n : r.fleet()) {
      md.append(Cells.row(n.name(), n.tier(), n.locality(), Cells.count(n.prefillTokensPerSecond()),
          Cells.count(n.decodeTokensPerSecond()), Cells.count(n.kvCacheBlocks()),
          Integer.toString(n.maxConcurrency()), Integer.toString(n.maxQueue()),
          Cells.money(n.inputPricePerMillion()) + " / " + Cells.money(n.outputPricePerMillion())));
    }
    md.append("\nCapacity (1.0×) is the fleet's work-conserving request rate; round robin saturates"
        + " its slowest node (the bottleneck) at a lower rate (see Definitions):\n\n");
    md.append(Cells.header(1, "workload", "capacity req/s", "round robin saturates at", "bottleneck",
        "prompt tokens", "uncached (RR)", "output tokens"));
    r.capacities().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> md.append(Cells.row(e.getKey(), String.format(Locale.ROOT, "%.1f",
            e.getValue().requestsPerSecond()), String.format(Locale.ROOT, "%.1f req/s (%.2f×)",
            e.getValue().roundRobinRequestsPerSecond(), e.getValue().roundRobinRequestsPerSecond()
                / e.getValue().requestsPerSecond()), e.getValue().bottleneck(),
            Cells.count(e.getValue().meanPromptTokens()),
            Cells.count(e.getValue().meanUncachedTokens()),
            Cells.count(e.getValue().meanOutputTokens()))));
    return md.toString();
  }

  static String scenario(LabResults r, Scenario s) {
    StringBuilder md = new StringBuilder("### ").append(s.title()).append("\n\n");
    md.append('_').append(s.question()).append("_\n\n");
    PlannedRun first = s.runs().get(0);
    md.append(String.format(Locale.ROOT, "Workload: %s. Arrivals: %s. Trace: %.0f s per run%s."
        + " Interactive TTFT SLO: %d ms.%n%n", first.workload().describe(), first.arrivals().label(),
        first.duration().toNanos() / 1e9, loads(s), first.ttftSlo().toMillis()));
    boolean sweep = s.runs().stream().map(PlannedRun::load).distinct().count() > 1;
    md.append(LabReport.fullTable(r, s.runs(), sweep));
    switch (s.name()) {
      case "sweep" -> md.append("\n![TTFT p90 vs offered load](bench/ttft-p90-vs-load.svg)\n")
          .append("\n![Prefix hit rate vs offered load](bench/hit-rate.svg)\n");
      case "mixed" -> md.append("\n![Cost vs SLO attainment](bench/cost-vs-slo.svg)\n");
      case "failure" -> md.append('\n').append(failurePhases(r, s))
          .append("\n![Timeline around the node failure](bench/failure-timeline.svg)\n");
      case "replicas" -> md.append('\n').append(replicaLoss(r));
      default -> { }
    }
    return md.toString();
  }

  private static String loads(Scenario s) {
    List<String> loads = s.runs().stream().map(PlannedRun::load).distinct().sorted()
        .map(Cells::load).toList();
    return ", offered load " + String.join(" / ", loads) + " capacity";
  }

  private static String failurePhases(LabResults r, Scenario s) {
    StringBuilder md = new StringBuilder(Cells.header("strategy", "errors: sent before the kill",
        "while down", "after revival", "worst 1-s TTFT p90 before (ms)", "while down",
        "after revival"));
    for (PlannedRun run : s.runs()) {
      Optional<RunResult> result = r.result(run);
      if (result.isEmpty() || result.get().summary() == null) {
        continue;
      }
      double third = run.duration().toNanos() / 1e9 / 3;
      String[] cells = new String[7];
      cells[0] = run.label();
      for (int phase = 0; phase < 3; phase++) {
        double errors = 0;
        double worst = Double.NaN;
        for (Timeline.Bucket b : result.get().timeline()) {
          int p = Math.min(2, (int) (b.startSeconds() / third));
          if (p == phase) {
            errors += b.errorsPerSecond();
            worst = Double.isNaN(worst) ? b.ttftP90Ms() : Math.max(worst, b.ttftP90Ms());
          }
        }
        cells[1 + phase] = Cells.count(errors);
        cells[4 + phase] = Cells.ms(worst);
      }
      md.append(Cells.row(cells));
    }
    return "The node is killed at 1/3 of the trace and revived (with an empty cache) at 2/3."
        + " Requests count in the phase they were sent in, so the streams the kill breaks count"
        + " before it:\n\n" + md;
  }

  private static String replicaLoss(LabResults r) {
    StringBuilder md = new StringBuilder();
    for (Strategy strategy : new Strategy[] {Strategy.LATENCY, Strategy.PREFIX_AFFINITY}) {
      Optional<RunSummary> one = Targets.find(r, "replicas", strategy, GatewayPath.HTTP, 1);
      Optional<RunSummary> three = Targets.find(r, "replicas", strategy, GatewayPath.HTTP, 3);
      if (one.isPresent() && three.isPresent()) {
        md.append(String.format(Locale.ROOT, "- %s: hit rate %s with 1 replica, %s with 3:"
            + " %s of it lost.%n", strategy.label(), Cells.pct(one.get().hitRate()),
            Cells.pct(three.get().hitRate()), Cells.pct(1 - three.get().hitRate() / one.get().hitRate())));
      }
    }
    return md.toString();
  }

  static String definitions() {
    return """
        ### Definitions

        - **Runs.** Each run sends one seeded trace (open loop: requests leave at their arrival \
        times whatever the answers do) through fresh gateway process(es) — the HTTP gateway, or \
        the ext_proc server with the client playing Envoy — in front of simulators with empty \
        caches. All strategies of a scenario get the same trace. A run one scenario shares with \
        another (same trace, strategy and path) runs once.
        - **Capacity (1.0×).** For a workload and fleet: the fleet's work-conserving request \
        rate, the sum over nodes of slots ÷ mean service time. A node runs `maxConcurrency` \
        generations at once, each taking uncached prompt tokens ÷ prefill speed + output tokens ÷ \
        decode speed (network delay not counted). The cache assumption is what round robin earns: \
        a 60 s trace is played in order over the fleet with each node's LRU KV cache, so shared \
        system prompts and popular documents hit and session histories mostly miss. Round robin \
        gives each of the N nodes 1/N of the requests, so it saturates earlier, at min over nodes of \
        N × slots ÷ mean service time (shown beside the capacity). Placement that keeps session \
        histories cached makes requests cheaper and can run past 1.0×.
        - **Percentiles.** Nearest rank over the successful requests: of n sorted values, the p-th \
        percentile is the one at rank ⌈p/100 × n⌉. TTFT is from sending to the first content token; \
        E2E to the end of the stream.
        - **Output tok/s.** Output tokens of successful requests ÷ wall time from the first send to \
        the last answer.
        - **Hit rate.** Σ cached prompt tokens ÷ Σ prompt tokens as the simulators report them \
        (`usage.prompt_tokens_details.cached_tokens`). **Oracle:** the same trace through one \
        infinite KV cache shared by the fleet, with the simulators' 64-character (16-token) block \
        chaining — an upper bound no placement can beat; "÷ oracle" is the ratio.
        - **SLO attainment.** Share of interactive requests whose TTFT was within the SLO; failed \
        requests count as misses.
        - **$ per 1M tokens.** Σ over successful requests of (prompt tokens × input price + output \
        tokens × output price of the endpoint that served it) ÷ Σ their tokens × 1M.
        - **Tier mix.** Share of successful requests served per tier. **Errors:** requests whose \
        client saw no complete 2xx answer, by kind.
        """;
  }
}
