package io.inferoute.bench.lab;

import io.inferoute.bench.lab.run.GatewayTraceRunner;
import io.inferoute.bench.lab.run.LabFleet;
import io.inferoute.time.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The placement lab's command: {@code LabMain [--quick] [--only NAME] [--out DIR] [--seed N]}.
 * Runs the scenarios through real gateway processes, prints progress to stderr, then writes the
 * report: {@code docs/benchmarks.md} (between the lab markers) and the README's headline table when
 * every scenario ran, the plots in {@code docs/bench/}, and always {@code
 * bench/target/lab/report.md} and one CSV per run.
 */
public final class LabMain {
  private LabMain() {}

  /** Runs the lab; exits 2 on a bad command line, 1 when a run failed. */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    LabOptions options;
    try {
      options = LabOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: run-lab.sh [--quick] [--only " + String.join("|", LabPlan.names())
          + "] [--out DIR] [--seed N]");
      System.exit(2);
      return;
    }
    String command = "bench/run-lab.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));
    boolean allOk;
    try (TraceRunner runner = GatewayTraceRunner.start(LabFleet.standard(), System.err)) {
      allOk = run(options, runner, LabFleet.edgeSites(), Ticker.systemTicker(), System.err, command);
    }
    System.exit(allOk ? 0 : 1);
  }

  /**
   * Runs the lab with {@code runner} and writes its report under {@code options.out()}.
   *
   * @return whether every run succeeded
   */
  public static boolean run(LabOptions options, TraceRunner runner, List<String> edgeSites,
      Ticker ticker, PrintStream progress, String command) throws IOException {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
        "yyyy-MM-dd HH:mm 'UTC'"));
    String loadBefore = MachineInfo.loadAverage();
    LabResults results = new Lab(runner, edgeSites, options, ticker, progress).run();
    LabReport.Context context = new LabReport.Context(date, command,
        MachineInfo.gitCommit(options.out()), MachineInfo.current(), loadBefore,
        MachineInfo.loadAverage());
    LabWriter.write(results, context, options, progress);
    return results.results().values().stream().allMatch(r -> r.error() == null);
  }
}
