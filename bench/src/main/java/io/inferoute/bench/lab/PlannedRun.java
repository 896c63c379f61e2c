package io.inferoute.bench.lab;

import io.inferoute.bench.lab.RunSpec.GatewayPath;
import io.inferoute.bench.lab.workload.ArrivalProcess;
import io.inferoute.bench.lab.workload.Workload;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One run of the lab's plan, before it runs.
 *
 * @param scenario the scenario it belongs to
 * @param workload the workload generating its trace
 * @param arrivals the trace's arrival process
 * @param load the offered load as a multiple of the workload's {@link Capacity}
 * @param duration the trace's duration (arrivals in {@code [0, duration)})
 * @param strategy the placement strategy
 * @param path HTTP gateway or ext_proc
 * @param replicas gateway replicas sharing the load
 * @param failure whether an edge node is killed at a third of the run and revived at two thirds
 * @param ttftSlo the interactive TTFT SLO
 */
public record PlannedRun(
    String scenario,
    Workload workload,
    ArrivalProcess arrivals,
    double load,
    Duration duration,
    Strategy strategy,
    GatewayPath path,
    int replicas,
    boolean failure,
    Duration ttftSlo) {

  public PlannedRun {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(arrivals, "arrivals");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ttftSlo, "ttftSlo");
    if (!(load > 0)) {
      throw new IllegalArgumentException("load: " + load + " (expected: > 0)");
    }
  }

  /**
   * What makes two planned runs the same experiment (everything but the scenario): a scenario
   * that needs a run another one already made reuses its result.
   */
  public record Key(Workload workload, ArrivalProcess arrivals, double load, Duration duration,
      Strategy strategy, GatewayPath path, int replicas, boolean failure, Duration ttftSlo) {}

  /** This run's {@link Key}. */
  public Key key() {
    return new Key(workload, arrivals, load, duration, strategy, path, replicas, failure, ttftSlo);
  }

  /** What identifies the trace: runs with the same trace key send the same requests. */
  public record TraceKey(Workload workload, ArrivalProcess arrivals, double load, Duration duration) {}

  /** This run's {@link TraceKey}. */
  public TraceKey traceKey() {
    return new TraceKey(workload, arrivals, load, duration);
  }

  /** The strategy's label with what sets this run apart: ext_proc, replicas. */
  public String label() {
    StringBuilder label = new StringBuilder(strategy.label());
    if (path == GatewayPath.EXT_PROC) {
      label.append(" via ext_proc");
    }
    if (replicas > 1) {
      label.append(" × ").append(replicas).append(" replicas");
    }
    return label.toString();
  }

  /** A file-name-safe identifier, unique within the plan. */
  public String slug() {
    return String.format(Locale.ROOT, "%s-%s-%s-r%d-l%.2f%s", scenario,
        strategy.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        path.name().toLowerCase(Locale.ROOT).replace('_', '-'), replicas, load,
        failure ? "-failure" : "");
  }

  /** The run's estimated wall time: the trace, time for the last answers, process start-ups. */
  public double estimatedSeconds() {
    return duration.toNanos() / 1e9 + LabPlan.DRAIN_SECONDS + LabPlan.OVERHEAD_SECONDS;
  }
}
