package io.inferoute.bench.extproc;

import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RoutingEngine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ext_proc load benchmark: Inferoute's ext_proc server against a no-op processor, driven by
 * the same closed-loop client in the same JVM and the same run, cell by cell (a body size and a
 * concurrency), and a table of absolute figures and Inferoute / no-op ratios at the end. A third
 * server (on by default, {@code --replay off}) replays Inferoute's recorded answers without doing
 * anything else, which splits the gap into the protocol's answer and Inferoute's own work.
 *
 * <p>Client and servers share this process and its cores, as they share the machine anyway;
 * only one server is loaded at a time. From round to round the servers take turns going first.
 */
public final class ExtProcLoad {
  private static final PrintStream OUT = System.out;

  private ExtProcLoad() {}

  /** Runs the matrix the options describe and prints the table; see {@link LoadOptions#USAGE}. */
  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    RoutingPolicy policy = options.policy() == null
        ? BenchPolicy.fleet(options.endpoints()) : BenchPolicy.load(options.policy());
    List<Cell> cells = cells(options);
    try (RoutingEngine engine = RoutingEngine.start(policy);
        ClientLoops client = new ClientLoops(options.connections());
        Target inferoute = Target.inferoute(engine, client);
        Target noOp = Target.noOp(client);
        Target replay = options.replay() ? replayOf(inferoute, cells.get(0), client) : null) {
      OUT.printf(Locale.ROOT, "policy %s: %d endpoints; %s; %d connection(s) per server;"
          + " JVM warm-up %s per cell and server, then warm-up %s, measured %s, %d round(s)%n",
          policy.name(), policy.endpoints().size(), runtime(), options.connections(),
          options.jvmWarmUp(), options.warmUp(), options.measure(), options.rounds());
      List<Target> targets = replay == null ? List.of(noOp, inferoute)
          : List.of(noOp, replay, inferoute);
      warmUpJvm(cells, targets, options);
      for (int round = 0; round < options.rounds(); round++) {
        for (Cell cell : cells) {
          for (Target target : rotated(targets, round)) {
            cell.measure(target, options);
          }
        }
      }
      OUT.println();
      Report.print(OUT, cells);
    }
  }

  /**
   * The replaying server, answering with what Inferoute answered to the first request of {@code
   * cell}: the same messages on the wire, without the work that chose them.
   */
  private static Target replayOf(Target inferoute, Cell cell, ClientLoops client)
      throws InterruptedException {
    Answers answers = inferoute.answers(cell.requests, 0);
    OUT.printf(Locale.ROOT, "answer replay: Inferoute's answers to a %d-byte request,"
            + " %d + %d bytes (request_headers + request_body answers; empty ones: 2 + 2)%n",
        cell.requests.bodyBytes(), answers.headers().getSerializedSize(),
        answers.body().getSerializedSize());
    return Target.replay(answers, client);
  }

  /** {@code targets} starting at {@code round} modulo their number: each goes first in turn. */
  static <T> List<T> rotated(List<T> targets, int round) {
    List<T> out = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      out.add(targets.get((round + i) % targets.size()));
    }
    return out;
  }

  /**
   * Runs every cell once on every server, unmeasured, so that no server's first cell pays for
   * the JIT compiling the transport's code paths that all share.
   */
  private static void warmUpJvm(List<Cell> cells, List<Target> targets, LoadOptions options)
      throws InterruptedException {
    for (Cell cell : cells) {
      for (Target target : targets) {
        ClosedLoop.run(target.channels(), cell.requests, cell.concurrency, options.jvmWarmUp(),
            Duration.ZERO);
      }
    }
  }

  private static List<Cell> cells(LoadOptions options) {
    List<Cell> cells = new ArrayList<>();
    RequestSet small = RequestSet.build(256, options.smallBytes(), 8);
    for (int c : options.concurrencies()) {
      cells.add(new Cell(small, c, false));
    }
    if (options.largeConcurrency() > 0) {
      cells.add(new Cell(RequestSet.build(32, options.largeBytes(), 4),
          options.largeConcurrency(), true));
    }
    return cells;
  }

  private static String runtime() {
    return "Java " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs, heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB";
  }
}
