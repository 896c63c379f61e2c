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
 * concurrency), and a table of absolute figures and Inferoute / no-op ratios at the end.
 *
 * <p>Client and both servers share this process and its cores, as they share the machine anyway;
 * only one server is loaded at a time. Within a round the two servers alternate which goes first.
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
        Target noOp = Target.noOp(client)) {
      OUT.printf(Locale.ROOT, "policy %s: %d endpoints; %s; %d connection(s) per server;"
          + " JVM warm-up %s per cell and server, then warm-up %s, measured %s, %d round(s)%n",
          policy.name(), policy.endpoints().size(), runtime(), options.connections(),
          options.jvmWarmUp(), options.warmUp(), options.measure(), options.rounds());
      warmUpJvm(cells, List.of(noOp, inferoute), options);
      for (int round = 0; round < options.rounds(); round++) {
        for (Cell cell : cells) {
          boolean noOpFirst = round % 2 == 0;
          cell.measure(noOpFirst ? noOp : inferoute, options);
          cell.measure(noOpFirst ? inferoute : noOp, options);
        }
      }
      OUT.println();
      Report.print(OUT, cells);
    }
  }

  /**
   * Runs every cell once on both servers, unmeasured, so that neither server's first cell pays for
   * the JIT compiling the transport's code paths that both share.
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
