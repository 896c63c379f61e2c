package io.inferoute.bench.extproc;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** One row of the matrix: a request size and a concurrency, measured on both servers. */
final class Cell {
  final RequestSet requests;
  final int concurrency;
  /** The large-prompt cell, judged on p50 instead of throughput and p99. */
  final boolean large;
  private @Nullable RunResult inferoute;
  private @Nullable RunResult noOp;

  Cell(RequestSet requests, int concurrency, boolean large) {
    this.requests = requests;
    this.concurrency = concurrency;
    this.large = large;
  }

  /** Measures {@code target} once and adds the result to this cell's. */
  void measure(Target target, LoadOptions options) throws InterruptedException {
    RunResult r = ClosedLoop.run(target.channels(), requests, concurrency, options.warmUp(),
        options.measure());
    System.out.printf(Locale.ROOT, "%-9s body %7d B  C=%3d  %9.0f /s  p50 %7.3f  p90 %7.3f"
            + "  p99 %7.3f ms  placed %d rejected %d failed %d%n",
        target.name(), requests.bodyBytes(), concurrency, r.perSecond(), r.millisAt(50),
        r.millisAt(90), r.millisAt(99), r.placed(), r.rejected(), r.failed());
    System.out.println("          " + r.cpu());
    if (target.name().equals(Target.INFEROUTE)) {
      inferoute = inferoute == null ? r : inferoute.plus(r);
    } else {
      noOp = noOp == null ? r : noOp.plus(r);
    }
  }

  /** Inferoute's results over all rounds. */
  RunResult inferoute() {
    return measured(inferoute);
  }

  /** The no-op's results over all rounds. */
  RunResult noOp() {
    return measured(noOp);
  }

  private RunResult measured(@Nullable RunResult r) {
    if (r == null) {
      throw new IllegalStateException("cell C=" + concurrency + ": not measured (expected: a"
          + " measurement on both servers before the report)");
    }
    return r;
  }
}
