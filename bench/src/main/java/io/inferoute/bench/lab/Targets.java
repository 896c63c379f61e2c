package io.inferoute.bench.lab;

import io.inferoute.bench.lab.RunSpec.GatewayPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The targets, checked against what the lab measured. */
final class Targets {
  private Targets() {}

  /**
   * One target.
   *
   * @param what what is compared
   * @param goal the target
   * @param measured the measured value
   * @param met whether it was met, or null when not measured
   * @param detail the figures behind it
   */
  record Target(String what, String goal, String measured, @Nullable Boolean met, String detail) {
    String verdict() {
      return met == null ? "not measured" : met ? "met" : "**missed**";
    }
  }

  static List<Target> evaluate(LabResults r) {
    List<Target> targets = new ArrayList<>();
    Optional<RunSummary> rr = find(r, "chat", Strategy.ROUND_ROBIN, GatewayPath.HTTP, 1);
    Optional<RunSummary> latency = find(r, "chat", Strategy.LATENCY, GatewayPath.HTTP, 1);
    targets.add(vsRoundRobin("Chat at " + Cells.load(LabPlan.NEAR_CAPACITY) + " capacity: TTFT p90, Inferoute latency ÷ round robin",
        "≤ 0.1×", rr, latency, true));
    targets.add(vsRoundRobin("Chat at " + Cells.load(LabPlan.NEAR_CAPACITY) + " capacity: output tokens/s, Inferoute latency ÷ round robin",
        "≥ 1.5×", rr, latency, false));
    targets.add(latency.map(l -> new Target("Chat: prefix hit rate ÷ oracle (Inferoute latency)",
        // Three decimals: 0.899 must not read as the 0.90 it misses.
        "≥ 0.9×", String.format(Locale.ROOT, "%.3f×", l.hitOfOracle()),
        Double.isNaN(l.hitOfOracle()) ? null : l.hitOfOracle() >= 0.9,
        "hit rate " + Cells.pct(l.hitRate()) + ", oracle " + Cells.pct(l.oracleHitRate())))
        .orElse(missing("Chat: prefix hit rate ÷ oracle (Inferoute latency)", "≥ 0.9×")));
    targets.add(slo(r));
    targets.add(cost(r));
    targets.add(replicas(r));
    return targets;
  }

  private static Target vsRoundRobin(String what, String goal, Optional<RunSummary> rr,
      Optional<RunSummary> latency, boolean ttft) {
    if (rr.isEmpty() || latency.isEmpty()) {
      return missing(what, goal);
    }
    RunSummary a = latency.get();
    RunSummary b = rr.get();
    if (ttft) {
      double ratio = a.ttftP90Ms() / b.ttftP90Ms();
      return new Target(what, goal, Cells.ratio(ratio), ratio <= 0.1, Cells.ms(a.ttftP90Ms())
          + " ms vs " + Cells.ms(b.ttftP90Ms()) + " ms; round robin errors " + b.errors());
    }
    double ratio = a.outputTokensPerSecond() / b.outputTokensPerSecond();
    return new Target(what, goal, Cells.ratio(ratio), ratio >= 1.5,
        Cells.count(a.outputTokensPerSecond()) + " vs " + Cells.count(b.outputTokensPerSecond())
            + " tokens/s; errors " + a.errors() + " vs " + b.errors());
  }

  private static Target slo(LabResults r) {
    String what = String.format(Locale.ROOT,
        "Interactive SLO attainment at %.1f× capacity (mixed, Inferoute latency)", LabPlan.MIXED_LOAD);
    return find(r, "mixed", Strategy.LATENCY, GatewayPath.HTTP, 1)
        .map(s -> new Target(what, "≥ 99%", Cells.pct(s.sloAttainment()),
            s.sloAttainment() >= 0.99, "TTFT ≤ " + s.spec().ttftSlo().toMillis() + " ms; "
                + s.interactiveRequests() + " interactive requests, errors " + s.errors()))
        .orElse(missing(what, "≥ 99%"));
  }

  private static Target cost(LabResults r) {
    String what = "Cost per 1M tokens, cost ÷ latency objective, at equal SLO attainment (mixed)";
    Optional<RunSummary> cost = find(r, "mixed", Strategy.COST, GatewayPath.HTTP, 1);
    Optional<RunSummary> latency = find(r, "mixed", Strategy.LATENCY, GatewayPath.HTTP, 1);
    if (cost.isEmpty() || latency.isEmpty()) {
      return missing(what, "≤ 0.7×");
    }
    RunSummary c = cost.get();
    RunSummary l = latency.get();
    double ratio = c.costPerMillionTokens() / l.costPerMillionTokens();
    // "Equal" attainment: the cost objective may trail by at most one percentage point.
    boolean equalSlo = c.sloAttainment() >= l.sloAttainment() - 0.01;
    return new Target(what, "≤ 0.7×, SLO within 1 point", Cells.ratio(ratio),
        ratio <= 0.7 && equalSlo, Cells.money(c.costPerMillionTokens()) + " vs "
            + Cells.money(l.costPerMillionTokens()) + "; SLO " + Cells.pct(c.sloAttainment())
            + " vs " + Cells.pct(l.sloAttainment()));
  }

  private static Target replicas(LabResults r) {
    String what = "Hit-rate loss, 3 independent replicas vs 1 (chat, Inferoute latency)";
    Optional<RunSummary> one = find(r, "replicas", Strategy.LATENCY, GatewayPath.HTTP, 1);
    Optional<RunSummary> three = find(r, "replicas", Strategy.LATENCY, GatewayPath.HTTP, 3);
    if (one.isEmpty() || three.isEmpty()) {
      return missing(what, "≤ 5%");
    }
    double loss = 1 - three.get().hitRate() / one.get().hitRate();
    return new Target(what, "≤ 5% (relative)", String.format(Locale.ROOT, "%.2f%%", 100 * loss),
        loss <= 0.05,
        "hit rate " + Cells.pct(one.get().hitRate()) + " → " + Cells.pct(three.get().hitRate()));
  }

  private static Target missing(String what, String goal) {
    return new Target(what, goal, Cells.NONE, null, "its runs did not run or failed");
  }

  /** The summary of a scenario's run with this strategy, path and replica count. */
  static Optional<RunSummary> find(LabResults r, String scenario, Strategy strategy,
      GatewayPath path, int replicas) {
    return r.scenario(scenario).flatMap(s -> s.runs().stream()
        .filter(run -> run.strategy() == strategy && run.path() == path
            && run.replicas() == replicas)
        .findFirst()).flatMap(r::summary);
  }
}
