package io.inferoute.bench.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.Outcome;
import io.inferoute.bench.lab.RunOutput;
import io.inferoute.bench.lab.RunSpec;
import io.inferoute.bench.lab.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jspecify.annotations.Nullable;

/** Real loopback runs: one gateway child process in front of three simulators. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayTraceRunnerTest {
  private static final Set<String> NODES = Set.of("edge-paris-1", "npu-eu-west-1", "cloud-1");
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static GatewayTraceRunner runner;

  @BeforeAll
  static void startFleet() {
    runner = GatewayTraceRunner.start(LabTraces.smallFleet(),
        new PrintStream(LOG, true, StandardCharsets.UTF_8), Path.of("target", "lab-test"),
        GatewayChild.currentClasspath());
  }

  @AfterAll
  static void stopFleet() throws java.io.IOException {
    if (runner != null) {
      runner.close();
    }
    // The runner's own lines (run summaries, warm-ups, kills), for whoever reads the reports.
    java.nio.file.Files.write(Path.of("target", "lab-test", "runner.log"), LOG.toByteArray());
  }

  private static RunSpec spec(RunSpec.GatewayPath path, RunSpec.@Nullable Failure failure) {
    return spec(Strategy.BALANCED, path, failure);
  }

  private static RunSpec spec(Strategy strategy, RunSpec.GatewayPath path, RunSpec.@Nullable Failure failure) {
    return new RunSpec("test", strategy, path, 1, failure, Duration.ofMillis(500), 7);
  }

  @Test
  void everyRequestOverHttpSucceedsNamedAndWarmOnRepeatedPrompts() throws Exception {
    List<LabRequest> trace = LabTraces.trace(30, 20, 3);

    RunOutput out = runner.run(spec(RunSpec.GatewayPath.HTTP, null), trace);

    assertServedWell(out, trace);
  }

  @Test
  void aBaselineStrategyRunsThroughTheSameGateway() throws Exception {
    List<LabRequest> trace = LabTraces.trace(30, 20, 3);

    RunOutput out = runner.run(spec(Strategy.PREFIX_AFFINITY, RunSpec.GatewayPath.HTTP, null), trace);

    assertServedWell(out, trace);
  }

  @Test
  void everyRequestAsEnvoyOverExtProcSucceedsNamedAndWarmOnRepeatedPrompts() throws Exception {
    List<LabRequest> trace = LabTraces.trace(30, 20, 3);

    RunOutput out = runner.run(spec(RunSpec.GatewayPath.EXT_PROC, null), trace);

    assertServedWell(out, trace);
  }

  @Test
  void aKilledEndpointCostsRequestsOnlyWhileItIsDown() throws Exception {
    // Requests every 20 ms for 2 s; the edge node is down from 0.5 s to 1.2 s.
    List<LabRequest> trace = LabTraces.trace(100, 20, 4);
    long kill = TimeUnit.MILLISECONDS.toNanos(500);
    long revive = TimeUnit.MILLISECONDS.toNanos(1_200);

    RunOutput out = runner.run(spec(RunSpec.GatewayPath.HTTP,
        new RunSpec.Failure("edge-paris-1", kill, revive)), trace);

    assertThat(out.outcomes()).hasSize(trace.size());
    long slack = TimeUnit.MILLISECONDS.toNanos(300); // in flight at the kill, or ejected just after
    for (Outcome o : out.outcomes()) {
      boolean inWindow = o.sentNanos() >= kill - slack && o.sentNanos() <= revive + slack;
      if (!o.ok()) {
        assertThat(inWindow).as("#%d failed outside the window: %s", o.request().index(), o.error()).isTrue();
      }
      if (o.ok() && o.sentNanos() > kill + slack && o.sentNanos() + o.e2eNanos() < revive) {
        assertThat(o.endpoint()).as("#%d served by a dead node", o.request().index()).isNotEqualTo("edge-paris-1");
      }
    }
    assertThat(out.outcomes().stream().filter(o -> o.sentNanos() < kill - slack))
        .isNotEmpty().allMatch(Outcome::ok);
    assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("killed edge-paris-1", "revived edge-paris-1");
    assertNoChildLeft();
  }

  private static void assertServedWell(RunOutput out, List<LabRequest> trace) throws Exception {
    assertThat(out.outcomes()).extracting(Outcome::request).containsExactlyElementsOf(trace);
    assertThat(out.outcomes()).allSatisfy(o -> {
      assertThat(o.ok()).as("#%d: %s", o.request().index(), o.error()).isTrue();
      assertThat(o.status()).isEqualTo(200);
      assertThat(o.endpoint()).isIn(NODES);
      assertThat(o.ttftNanos()).isPositive().isLessThanOrEqualTo(o.e2eNanos());
      assertThat(o.outputTokens()).isEqualTo(8);
      assertThat(o.promptTokens()).isGreaterThan(400);
    });
    // The first turn of each of the 3 sessions is cold; later turns repeat its prefix.
    List<Outcome> later = out.outcomes().subList(3, trace.size());
    assertThat(later.stream().filter(o -> o.cachedTokens() > 0).count())
        .isGreaterThan(later.size() / 2);
    assertThat(out.wallNanos()).isPositive();
    assertNoChildLeft();
  }

  private static void assertNoChildLeft() throws Exception {
    runner.awaitStopped(Duration.ofSeconds(30));
    assertThat(runner.liveChildren()).isEmpty();
    Set<ProcessHandle> alive = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .collect(Collectors.toSet());
    assertThat(alive).isEmpty();
  }
}
