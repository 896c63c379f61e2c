package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabMainTest {
  private static final Pattern PROGRESS = Pattern.compile(
      "\\[(\\w+) (\\d+)/(\\d+)] (.+) … elapsed (\\d\\d:\\d\\d), ETA (\\d\\d:\\d\\d)");
  private static final String README = "# Inferoute\n\n## Commands\n\nrun it\n\n## Documentation\n\n"
      + "- docs\n";
  private static final String BENCHMARKS = "# Benchmarks\n\n## JMH\n\nfigures\n";

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final FakeTraceRunner runner = new FakeTraceRunner(Strategy.LATENCY);

  private boolean runLab(Path out, String... args) throws Exception {
    LabOptions options = LabOptions.parse(args).withOut(out);
    return LabMain.run(options, runner, FakeTraceRunner.SITES, runner.clock::get,
        new PrintStream(progress, true, StandardCharsets.UTF_8), "bench/run-lab.sh");
  }

  private List<String> progressLines() {
    return progress.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void quickRunShowsScenarioRunElapsedAndEtaForEveryRun(@TempDir Path out) throws Exception {
    runLab(out, "--quick");
    List<Matcher> lines = progressLines().stream().map(PROGRESS::matcher)
        .filter(Matcher::matches).toList();
    List<Scenario> plan = LabPlan.scenarios(true);
    assertThat(lines).hasSize(LabPlan.distinctRuns(plan).size()).hasSize(runner.specs.size());
    assertThat(lines.stream().map(m -> m.group(1)).distinct())
        // --quick's sweep is only the chat scenario's near-capacity runs, shown without new runs
        .containsExactly("chat", "documents", "mixed", "failure", "replicas");
    assertThat(lines.get(0).group(0)).isEqualTo("[chat 1/9] round robin … elapsed 00:00, ETA "
        + Lab.clock(LabPlan.estimatedSeconds(plan)));
    assertThat(lines.get(2).group(0)).startsWith("[chat 3/9] least request (P2C) … elapsed 00:10,");
    assertThat(progressLines()).anyMatch(l -> l.startsWith("  done in 5.0 s: "));
  }

  @Test
  void etaFollowsHowTheEstimateHasHeld(@TempDir Path out) throws Exception {
    runLab(out, "--quick");
    List<PlannedRun> runs = LabPlan.distinctRuns(LabPlan.scenarios(true));
    Matcher last = progressLines().stream().map(PROGRESS::matcher).filter(Matcher::matches)
        .reduce((a, b) -> b).orElseThrow();
    double estimatedDone = runs.stream().limit(runs.size() - 1)
        .mapToDouble(PlannedRun::estimatedSeconds).sum();
    double elapsed = (runs.size() - 1) * FakeTraceRunner.SECONDS_PER_RUN;
    double eta = runs.get(runs.size() - 1).estimatedSeconds() * elapsed / estimatedDone;
    assertThat(last.group(6)).isEqualTo(Lab.clock(eta));
  }

  @Test
  void writesTheDocsSectionReadmeHeadlinePlotsAndCsv(@TempDir Path out) throws Exception {
    Files.writeString(out.resolve("README.md"), README);
    Files.createDirectories(out.resolve("docs"));
    Files.writeString(out.resolve("docs/benchmarks.md"), BENCHMARKS);
    boolean allOk = runLab(out, "--quick");
    assertThat(allOk).isFalse(); // the fake fails one documents run
    String doc = Files.readString(out.resolve("docs/benchmarks.md"));
    assertThat(doc).startsWith(BENCHMARKS).contains(LabReport.DOC_BEGIN, LabReport.DOC_END,
        "### Headline: multi-turn chat", "### Targets", "### Fleet and capacity",
        "### Multi-turn chat near capacity", "### Load sweep", "### Long-document questions",
        "### Mixed priorities", "### Edge node failure", "### Independent router replicas",
        "| Inferoute latency | failed: IllegalStateException: gateway did not start |",
        "| Inferoute latency via ext_proc |", "### Definitions");
    String readme = Files.readString(out.resolve("README.md"));
    assertThat(readme).startsWith("# Inferoute\n\n## Commands\n\nrun it\n\n## Placement lab\n\n"
        + LabReport.README_BEGIN + "\n| strategy | TTFT p90 ms |").endsWith("## Documentation\n\n- docs\n");
    for (String plot : List.of("ttft-p90-vs-load", "cost-vs-slo", "hit-rate", "failure-timeline")) {
      assertThat(out.resolve("docs/bench/" + plot + ".svg")).exists();
      assertThat(out.resolve("docs/bench/" + plot + ".png")).exists();
    }
    assertThat(out.resolve("bench/target/lab/summary.csv")).exists();
    assertThat(Files.readAllLines(out.resolve("bench/target/lab/chat-round-robin-http-r1-l0.90.csv")))
        .first().isEqualTo(RunCsv.HEADER);
  }

  @Test
  void rerunningReplacesTheSectionsInPlace(@TempDir Path out) throws Exception {
    Files.writeString(out.resolve("README.md"), README);
    runLab(out, "--quick");
    runLab(out, "--quick");
    String readme = Files.readString(out.resolve("README.md"));
    assertThat(readme.split(Pattern.quote(LabReport.README_BEGIN), -1)).hasSize(2);
    String doc = Files.readString(out.resolve("docs/benchmarks.md"));
    assertThat(doc.split(Pattern.quote(LabReport.DOC_BEGIN), -1)).hasSize(2);
  }

  @Test
  void onlyRunsTheNamedScenarioAndLeavesTheDocsAlone(@TempDir Path out) throws Exception {
    Files.writeString(out.resolve("README.md"), README);
    runLab(out, "--quick", "--only", "failure");
    assertThat(runner.specs).allSatisfy(s -> assertThat(s.scenario()).isEqualTo("failure"));
    assertThat(runner.specs).allSatisfy(s -> assertThat(s.failure()).isNotNull());
    assertThat(Files.readString(out.resolve("README.md"))).isEqualTo(README);
    assertThat(out.resolve("docs/benchmarks.md")).doesNotExist();
    assertThat(Files.readString(out.resolve("bench/target/lab/report.md")))
        .contains("### Edge node failure", "errors: sent before the kill");
  }

  @Test
  void failureRunsKillTheFirstEdgeNodeForTheMiddleThird(@TempDir Path out) throws Exception {
    runLab(out, "--quick", "--only", "failure");
    RunSpec.Failure f = runner.specs.get(0).failure();
    assertThat(f).isNotNull();
    assertThat(f.endpoint()).isEqualTo("edge-a");
    // The quick failure trace is 3 s long.
    assertThat(f.killAtNanos()).isEqualTo(1_000_000_000L);
    assertThat(f.reviveAtNanos()).isEqualTo(2_000_000_000L);
  }
}
