package io.inferoute.bench.lab;

import static io.inferoute.bench.lab.RunSpec.GatewayPath.EXT_PROC;
import static io.inferoute.bench.lab.RunSpec.GatewayPath.HTTP;
import static io.inferoute.bench.lab.Strategy.BALANCED;
import static io.inferoute.bench.lab.Strategy.COST;
import static io.inferoute.bench.lab.Strategy.DATA_GRAVITY;
import static io.inferoute.bench.lab.Strategy.LATENCY;
import static io.inferoute.bench.lab.Strategy.LEAST_REQUEST;
import static io.inferoute.bench.lab.Strategy.PREFIX_AFFINITY;
import static io.inferoute.bench.lab.Strategy.ROUND_ROBIN;

import io.inferoute.bench.lab.RunSpec.GatewayPath;
import io.inferoute.bench.lab.workload.ArrivalProcess;
import io.inferoute.bench.lab.workload.ChatWorkload;
import io.inferoute.bench.lab.workload.DocumentWorkload;
import io.inferoute.bench.lab.workload.MixedWorkload;
import io.inferoute.bench.lab.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab's scenarios and their time budget.
 *
 * <p>Budget: every run costs its trace duration, {@value #DRAIN_SECONDS} s for the answers still
 * streaming when the trace ends and {@value #OVERHEAD_SECONDS} s of per-run overhead (a fresh
 * gateway JVM, policy validation, the runner's 40-request warm-up and the stop). Runs that two
 * scenarios share (the sweep's near-capacity points and the single-replica runs are chat runs) run
 * once. The full plan is estimated at about 8½ minutes. {@code --quick} keeps
 * the whole headline (9 chat runs), the sweep's near-capacity point only, and at least one run for
 * every other scenario (14 runs, 1.5-second traces).
 */
public final class LabPlan {
  /** Seconds allowed per run for the answers still streaming when the trace ends. */
  public static final double DRAIN_SECONDS = 2.0;
  /**
   * Seconds per run for a fresh gateway process (started from a class archive, see {@code
   * ClassArchive}), its warm-up and its stop: 5.3 s measured on 2 quiet cores (quick mode when it
   * had 15 runs of 2 s: 2 min 19 s), rounded up for a loaded machine.
   */
  public static final double OVERHEAD_SECONDS = 6.0;
  /** The TTFT SLO of interactive traffic. */
  public static final Duration TTFT_SLO = Duration.ofMillis(1000);
  /** Load of the chat scenario ("near capacity"), the replicas and the sweep's reference point. */
  public static final double NEAR_CAPACITY = 0.9;
  /** Load of the mixed scenario, where the interactive-SLO target is measured. */
  public static final double MIXED_LOAD = 0.8;

  private static final Strategy[] ALL = Strategy.values();
  private static final Strategy[] SWEPT = {ROUND_ROBIN, LEAST_REQUEST, PREFIX_AFFINITY, LATENCY};

  private LabPlan() {}

  /** The scenarios in running order; {@code quick} keeps all of them with shorter, fewer runs. */
  public static List<Scenario> scenarios(boolean quick) {
    Builder b = new Builder(quick);
    ChatWorkload chat = ChatWorkload.standard();
    ArrivalProcess poisson = ArrivalProcess.poisson();
    List<Scenario> list = new ArrayList<>();
    list.add(b.scenario("chat", "Multi-turn chat near capacity",
        "Which placement keeps chat TTFT low and throughput high at 0.9× capacity?",
        b.runs(chat, poisson, NEAR_CAPACITY, b.chatSeconds(), ALL),
        List.of(b.run(chat, poisson, NEAR_CAPACITY, b.chatSeconds(), LATENCY, EXT_PROC, 1, false))));
    list.add(b.scenario("sweep", "Load sweep (chat, Poisson)",
        "How does TTFT grow with offered load, from light to beyond capacity?",
        b.sweep(chat, poisson), List.of()));
    list.add(b.scenario("documents", "Long-document questions (RAG-like)",
        "Does placement keep popular documents' prefixes cached near capacity?",
        b.runs(DocumentWorkload.standard(), poisson, 0.9, b.seconds(8, 1.5),
            b.pick(new Strategy[] {ROUND_ROBIN, PREFIX_AFFINITY, LATENCY}, LATENCY)),
        List.of()));
    list.add(b.scenario("mixed", "Mixed priorities and origins (bursty arrivals)",
        "What does each objective cost, and does interactive traffic keep its SLO at 0.8×?",
        b.runs(MixedWorkload.standard(), ArrivalProcess.onOff(4, 0.5), MIXED_LOAD,
            b.seconds(8, 1.5),
            b.pick(new Strategy[] {ROUND_ROBIN, LATENCY, COST, BALANCED, DATA_GRAVITY},
                LATENCY, COST)), List.of()));
    list.add(b.scenario("failure", "Edge node failure",
        "What do clients see when an edge node dies at 1/3 of the run and returns at 2/3?",
        b.failureRuns(chat, poisson), List.of()));
    list.add(b.scenario("replicas", "Independent router replicas",
        "How much prefix-cache hit rate do 3 replicas without shared state lose against 1?",
        b.replicaRuns(chat, poisson), List.of()));
    return List.copyOf(list);
  }

  /** The scenario names, in running order. */
  public static List<String> names() {
    return scenarios(true).stream().map(Scenario::name).toList();
  }

  /** The runs that will actually run: the first of each {@link PlannedRun.Key}, in order. */
  public static List<PlannedRun> distinctRuns(List<Scenario> scenarios) {
    Set<PlannedRun.Key> seen = new HashSet<>();
    List<PlannedRun> runs = new ArrayList<>();
    for (Scenario s : scenarios) {
      for (PlannedRun run : s.runs()) {
        if (seen.add(run.key())) {
          runs.add(run);
        }
      }
    }
    return runs;
  }

  /** The estimated wall time of {@code scenarios}, in seconds. */
  public static double estimatedSeconds(List<Scenario> scenarios) {
    return distinctRuns(scenarios).stream().mapToDouble(PlannedRun::estimatedSeconds).sum();
  }

  /** Builds runs with the mode's durations and strategy subsets. */
  private static final class Builder {
    private final boolean quick;

    Builder(boolean quick) {
      this.quick = quick;
    }

    Scenario scenario(String name, String title, String question, List<PlannedRun> runs,
        List<PlannedRun> extra) {
      List<PlannedRun> all = new ArrayList<>(runs);
      all.addAll(extra);
      List<PlannedRun> renamed = all.stream().map(r -> rename(r, name)).toList();
      return new Scenario(name, title, question, renamed);
    }

    /** The chat trace's duration, shared by the sweep's near-capacity point and the replicas. */
    Duration chatSeconds() {
      return seconds(8, 1.5);
    }

    Duration seconds(double full, double quickSeconds) {
      return Duration.ofMillis((long) (1000 * (quick ? quickSeconds : full)));
    }

    Strategy[] pick(Strategy[] full, Strategy... quickOnes) {
      return quick ? quickOnes : full;
    }

    List<PlannedRun> runs(Workload w, ArrivalProcess a, double load, Duration d, Strategy... s) {
      return Arrays.stream(s).map(x -> run(w, a, load, d, x, HTTP, 1, false)).toList();
    }

    PlannedRun run(Workload w, ArrivalProcess a, double load, Duration d, Strategy s,
        GatewayPath path, int replicas, boolean failure) {
      // Named by scenario() once the scenario is known.
      return new PlannedRun("", w, a, load, d, s, path, replicas, failure, TTFT_SLO);
    }

    List<PlannedRun> sweep(ChatWorkload chat, ArrivalProcess poisson) {
      // Round robin saturates near 0.6× (see Capacity); 1.1× is beyond the fleet's capacity.
      double[] loads = quick ? new double[] {NEAR_CAPACITY}
          : new double[] {0.3, 0.6, NEAR_CAPACITY, 1.1};
      Strategy[] strategies = pick(SWEPT, ROUND_ROBIN, LATENCY);
      List<PlannedRun> runs = new ArrayList<>();
      for (Strategy s : strategies) {
        for (double load : loads) {
          // The near-capacity point is the chat scenario's run (same trace and duration): reused.
          Duration d = load == NEAR_CAPACITY ? chatSeconds() : seconds(5, 2);
          runs.add(run(chat, poisson, load, d, s, HTTP, 1, false));
        }
      }
      return runs;
    }

    List<PlannedRun> failureRuns(ChatWorkload chat, ArrivalProcess poisson) {
      Strategy[] strategies = pick(new Strategy[] {ROUND_ROBIN, LEAST_REQUEST, LATENCY}, LATENCY);
      return Arrays.stream(strategies)
          .map(s -> run(chat, poisson, 0.6, seconds(12, 3), s, HTTP, 1, true)).toList();
    }

    List<PlannedRun> replicaRuns(ChatWorkload chat, ArrivalProcess poisson) {
      List<PlannedRun> runs = new ArrayList<>();
      for (Strategy s : pick(new Strategy[] {LATENCY, PREFIX_AFFINITY}, LATENCY)) {
        for (int replicas : new int[] {1, 3}) {
          runs.add(run(chat, poisson, NEAR_CAPACITY, chatSeconds(), s, HTTP, replicas, false));
        }
      }
      return runs;
    }

    private static PlannedRun rename(PlannedRun r, String name) {
      return new PlannedRun(name, r.workload(), r.arrivals(), r.load(), r.duration(), r.strategy(),
          r.path(), r.replicas(), r.failure(), r.ttftSlo());
    }
  }

  /** Scenarios by name, in running order. */
  static Map<String, Scenario> byName(List<Scenario> scenarios) {
    Map<String, Scenario> map = new LinkedHashMap<>();
    scenarios.forEach(s -> map.put(s.name(), s));
    return map;
  }
}
