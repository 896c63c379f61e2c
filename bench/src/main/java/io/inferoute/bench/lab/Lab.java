package io.inferoute.bench.lab;

import io.inferoute.bench.lab.workload.TraceShape;
import io.inferoute.time.Ticker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the lab's plan through a {@link TraceRunner}: builds each trace once (with its capacity and
 * oracle), runs every distinct run once, summarises it, keeps its raw outcomes as CSV and prints
 * progress — scenario, run, elapsed time and an ETA scaled by how the estimate has held so far.
 */
public final class Lab {
  private static final Duration CAPACITY_TRACE = Duration.ofSeconds(60);
  private static final double FIRST_GUESS_RPS = 10;
  private static final long TIMELINE_BUCKET_NANOS = 1_000_000_000L;

  private final TraceRunner runner;
  private final List<String> edgeSites;
  private final LabOptions options;
  private final Ticker ticker;
  private final PrintStream progress;
  private final Map<String, Capacity> capacities = new LinkedHashMap<>();
  private final Map<PlannedRun.TraceKey, Trace> traces = new HashMap<>();

  /** A trace with what the report needs about it. */
  private record Trace(List<LabRequest> requests, double oracleHitRate) {}

  /**
   * A lab over {@code runner}'s fleet.
   *
   * @param edgeSites the client origins ({@code region/zone})
   * @param ticker the clock for elapsed time and ETA
   * @param progress where progress lines go (stderr)
   */
  public Lab(TraceRunner runner, List<String> edgeSites, LabOptions options, Ticker ticker,
      PrintStream progress) {
    this.runner = runner;
    this.edgeSites = List.copyOf(edgeSites);
    this.options = options;
    this.ticker = ticker;
    this.progress = progress;
  }

  /** Runs the scenarios the options select and returns what they measured. */
  public LabResults run() {
    List<Scenario> scenarios = LabPlan.scenarios(options.quick()).stream()
        .filter(s -> options.runs(s.name())).toList();
    List<PlannedRun> distinct = LabPlan.distinctRuns(scenarios);
    double estimate = distinct.stream().mapToDouble(PlannedRun::estimatedSeconds).sum();
    progress.printf(Locale.ROOT, "lab: %d runs in %d scenarios, estimated %s (%s mode)%n",
        distinct.size(), scenarios.size(), clock(estimate), options.quick() ? "quick" : "full");
    long start = ticker.read();
    Map<PlannedRun.Key, RunResult> results = new LinkedHashMap<>();
    double estimatedDone = 0;
    for (Scenario scenario : scenarios) {
      List<PlannedRun> own = scenario.runs().stream().filter(distinct::contains).toList();
      for (int i = 0; i < own.size(); i++) {
        PlannedRun run = own.get(i);
        double elapsed = (ticker.read() - start) / 1e9;
        double remaining = estimate - estimatedDone;
        double scale = estimatedDone > 0 ? elapsed / estimatedDone : 1;
        progress.printf(Locale.ROOT, "[%s %d/%d] %s … elapsed %s, ETA %s%n", scenario.name(), i + 1,
            own.size(), run.label(), clock(elapsed), clock(remaining * scale));
        results.put(run.key(), execute(run));
        estimatedDone += run.estimatedSeconds();
      }
    }
    double elapsed = (ticker.read() - start) / 1e9;
    progress.printf(Locale.ROOT, "lab: done in %s (estimated %s)%n", clock(elapsed), clock(estimate));
    return new LabResults(options.quick(), scenarios, results, capacities, runner.fleet(), elapsed,
        estimate);
  }

  /** {@code mm:ss} of whole seconds. */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }

  private RunResult execute(PlannedRun run) {
    long started = ticker.read();
    try {
      Trace trace = trace(run);
      RunOutput output = runner.run(spec(run), trace.requests());
      RunCsv.write(rawDir().resolve(run.slug() + ".csv"), output);
      RunSummary summary = RunSummary.of(output, runner.fleet(), run.workload().name(), run.load(),
          run.duration().toNanos() / 1e9, trace.oracleHitRate());
      progress.println(LabReport.progressLine(summary, (ticker.read() - started) / 1e9));
      List<Timeline.Bucket> timeline =
          run.failure() ? Timeline.of(output, TIMELINE_BUCKET_NANOS) : List.of();
      return new RunResult(run, summary, timeline, null);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.println("  run failed: " + why);
      return new RunResult(run, null, List.of(), why);
    }
  }

  private Path rawDir() {
    return options.out().resolve("bench/target/lab");
  }

  private RunSpec spec(PlannedRun run) {
    RunSpec.Failure failure = null;
    if (run.failure()) {
      long d = run.duration().toNanos();
      failure = new RunSpec.Failure(failedNode(), d / 3, 2 * d / 3);
    }
    return new RunSpec(run.scenario(), run.strategy(), run.path(), run.replicas(), failure,
        run.ttftSlo(), options.seed());
  }

  /** The node the failure scenario kills: the first edge node (else the first node). */
  String failedNode() {
    return runner.fleet().stream().filter(n -> n.tier().startsWith("edge")).findFirst()
        .orElse(runner.fleet().get(0)).name();
  }

  private Trace trace(PlannedRun run) {
    return traces.computeIfAbsent(run.traceKey(), key -> {
      double rate = run.load() * capacity(run).requestsPerSecond();
      List<LabRequest> requests = run.workload().trace(shape(run, rate, run.duration()));
      return new Trace(requests, PrefixOracle.hitRate(requests));
    });
  }

  /** The workload's capacity, estimated on a long trace at about the capacity rate. */
  Capacity capacity(PlannedRun run) {
    return capacities.computeIfAbsent(LabResults.capacityKey(run), key -> {
      Capacity guess = Capacity.estimate(runner.fleet(),
          run.workload().trace(shape(run, FIRST_GUESS_RPS, CAPACITY_TRACE)));
      return Capacity.estimate(runner.fleet(),
          run.workload().trace(shape(run, guess.requestsPerSecond(), CAPACITY_TRACE)));
    });
  }

  private TraceShape shape(PlannedRun run, double rate, Duration duration) {
    return new TraceShape(rate, duration, run.arrivals(), edgeSites, options.seed());
  }
}
