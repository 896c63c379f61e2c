package io.inferoute.bench.extproc;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Prints the matrix as Markdown: absolute figures per server, then the ratios and targets. When
 * the replaying server was measured, the throughput ratio is split in two: what carrying the
 * protocol's answer costs (replay ÷ no-op) and what reading and deciding cost (Inferoute ÷
 * replay); their product is the target's ratio.
 */
final class Report {
  /** Inferoute's decisions/s must be at least this share of the no-op's (4 KB cells). */
  static final double MIN_THROUGHPUT_RATIO = 0.8;
  /** Inferoute's p99 may be at most this multiple of the no-op's (4 KB cells). */
  static final double MAX_P99_RATIO = 1.5;
  /** Inferoute's p50 may be at most this multiple of the no-op's (large-prompt cell). */
  static final double MAX_LARGE_P50_RATIO = 1.2;

  private Report() {}

  static void print(PrintStream out, List<Cell> cells) {
    boolean replay = cells.stream().allMatch(c -> c.replay() != null);
    out.println("| body | C | server | decisions/s | p50 ms | p90 ms | p99 ms | rejected | failed |");
    out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
    for (Cell c : cells) {
      row(out, c, "no-op", c.noOp());
      if (replay) {
        row(out, c, "answer replay", c.replay());
      }
      row(out, c, "Inferoute", c.inferoute());
    }
    out.println();
    out.println("| body | C | throughput ratio | p50 ratio | p99 ratio | target | result |"
        + (replay ? " replay ÷ no-op | Inferoute ÷ replay |" : ""));
    out.println("|---:|---:|---:|---:|---:|---|---|" + (replay ? "---:|---:|" : ""));
    for (Cell c : cells) {
      ratios(out, c, replay ? c.replay() : null);
    }
  }

  private static void row(PrintStream out, Cell c, String name, @Nullable RunResult r) {
    if (r == null) {
      return;
    }
    out.printf(Locale.ROOT, "| %s | %d | %s | %,.0f | %.3f | %.3f | %.3f | %d | %d |%n",
        size(c), c.concurrency, name, r.perSecond(), r.millisAt(50), r.millisAt(90),
        r.millisAt(99), r.rejected(), r.failed());
  }

  private static void ratios(PrintStream out, Cell c, @Nullable RunResult replay) {
    RunResult in = c.inferoute();
    RunResult noOp = c.noOp();
    double throughput = in.perSecond() / noOp.perSecond();
    double p50 = in.millisAt(50) / noOp.millisAt(50);
    double p99 = in.millisAt(99) / noOp.millisAt(99);
    String target;
    boolean met;
    if (c.large) {
      target = String.format(Locale.ROOT, "p50 ≤ %.1f×", MAX_LARGE_P50_RATIO);
      met = p50 <= MAX_LARGE_P50_RATIO;
    } else {
      target = String.format(Locale.ROOT, "throughput ≥ %.1f×, p99 ≤ %.1f×",
          MIN_THROUGHPUT_RATIO, MAX_P99_RATIO);
      met = throughput >= MIN_THROUGHPUT_RATIO && p99 <= MAX_P99_RATIO;
    }
    out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %s | %s |", size(c),
        c.concurrency, throughput, p50, p99, target, met ? "met" : "**missed**");
    if (replay != null) {
      out.printf(Locale.ROOT, " %.2f | %.2f |", replay.perSecond() / noOp.perSecond(),
          in.perSecond() / replay.perSecond());
    }
    out.println();
  }

  private static String size(Cell c) {
    int bytes = c.requests.bodyBytes();
    return bytes >= 10_240 ? (bytes >> 10) + " KB" : bytes + " B";
  }
}
