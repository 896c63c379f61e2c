package io.inferoute.bench.extproc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One row of the matrix: a request size and a concurrency, measured on every server. */
final class Cell {
  final RequestSet requests;
  final int concurrency;
  /** The large-prompt cell, judged on p50 instead of throughput and p99. */
  final boolean large;
  private final Map<String, RunResult> results = new LinkedHashMap<>();

  Cell(RequestSet requests, int concurrency, boolean large) {
    this.requests = requests;
    this.concurrency = concurrency;
    this.large = large;
  }

  /** Measures {@code target} once and adds the result to this cell's for that server. */
  void measure(Target target, LoadOptions options) throws InterruptedException {
    RunResult r = ClosedLoop.run(target.channels(), requests, concurrency, options.warmUp(),
        options.measure());
    System.out.printf(Locale.ROOT, "%-9s body %7d B  C=%3d  %9.0f /s  p50 %7.3f  p90 %7.3f"
            + "  p99 %7.3f ms  placed %d rejected %d failed %d%n",
        target.name(), requests.bodyBytes(), concurrency, r.perSecond(), r.millisAt(50),
        r.millisAt(90), r.millisAt(99), r.placed(), r.rejected(), r.failed());
    System.out.println("          " + r.cpu());
    add(target.name(), r);
  }

  /** Adds {@code r} to the results of the server called {@code name}. */
  void add(String name, RunResult r) {
    results.merge(name, r, RunResult::plus);
  }

  /** Inferoute's results over all rounds. */
  RunResult inferoute() {
    return measured(Target.INFEROUTE);
  }

  /** The no-op's results over all rounds. */
  RunResult noOp() {
    return measured(Target.NO_OP);
  }

  /** The replaying server's results over all rounds, or null when it was not measured. */
  @Nullable RunResult replay() {
    return results.get(Target.REPLAY);
  }

  private RunResult measured(String name) {
    RunResult r = results.get(name);
    if (r == null) {
      throw new IllegalStateException("cell C=" + concurrency + ": " + name + " not measured"
          + " (expected: a measurement on every server before the report)");
    }
    return r;
  }
}
