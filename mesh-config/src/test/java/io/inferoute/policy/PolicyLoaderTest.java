package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
  @TempDir Path dir;

  @Test
  void reportsEveryErrorAtOnceInFileOrder() {
    String text = TestPolicies.valid("p", 2)
        .replace("address: 127.0.0.1:18001", "address: 127.0.0.1")
        .replace("locality: local/edge-a\n", "locality: local//a\n")
        .replace("tiers: [edge-gpu]", "tiers: [edge-gpu]\n  telemetry: {windowInterval: 10}");

    PolicyLoadResult result = PolicyLoader.parse(text, "p.yaml");

    assertThat(result.ok()).isFalse();
    assertThat(result.errors()).extracting(PolicyProblem::toString).containsExactly(
        "p.yaml:6:31: spec.telemetry.windowInterval: \"10\" is not a duration (expected e.g. 150ms)",
        "p.yaml:9:16: spec.endpoints[0].address: \"127.0.0.1\" is not an address (expected: host:port or [ipv6]:port, port 1..65535)",
        "p.yaml:11:17: spec.endpoints[0].locality: \"local//a\" is not a locality (expected: no empty segment in region/zone/subzone)",
        "p.yaml:16:17: spec.endpoints[1].locality: \"local//a\" is not a locality (expected: no empty segment in region/zone/subzone)");
  }

  @Test
  void mapsEveryFieldToTheRecords() {
    RoutingPolicy p = PolicyLoader.load(Path.of("..", "docs", "examples", "cost-optimised-batch.yaml"))
        .requirePolicy();

    assertThat(p.tiers()).containsExactly("regional-npu", "cloud");
    EndpointSpec npu = p.endpointsByName().get("npu-frankfurt-1");
    assertThat(npu.address()).isEqualTo(new HostPort("10.20.0.11", 8000));
    assertThat(npu.locality()).isEqualTo(new Locality("europe-west3", "europe-west3-a", ""));
    assertThat(npu.cost()).isEqualTo(new Cost(0.02, 0.08, 0));
    assertThat(npu.maxQueue()).isEqualTo(256);
    assertThat(npu.prefillTokensPerSecond()).isEqualTo(8000);
    assertThat(npu.metrics()).isEqualTo(new EndpointSpec.MetricsSource("http://10.20.0.11:8000/metrics", "sglang"));
    RouteSpec batch = p.routes().get(0);
    assertThat(batch.match()).isEqualTo(new RouteMatch(null, "/v1/completions", java.util.Map.of("x-workload", "batch")));
    assertThat(batch.objective()).isEqualTo(Objective.COST);
    assertThat(batch.weights()).isEqualTo(Objective.COST.defaultWeights());
    assertThat(batch.maxCostPerMillionTokens()).isEqualTo(0.3);
    assertThat(batch.priority()).isEqualTo(Priority.BATCH);
    assertThat(batch.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.defaultRoute().name()).isEqualTo("default");
    assertThat(p.defaultRoute().weights()).isEqualTo(new ScoreWeights(0.1, 0.2, 0, 0.7, 0));
    assertThat(p.breaker()).isEqualTo(new BreakerSettings(3, 5, Duration.ofSeconds(30), 20, 50,
        Duration.ofSeconds(15), Duration.ofMinutes(5), 30, 1, 40));
    assertThat(p.telemetry()).isEqualTo(new TelemetrySettings(Duration.ofSeconds(15), 8, Duration.ofSeconds(10)));
  }

  @Test
  void appliesDefaultsForEverythingOptional() {
    RoutingPolicy p = PolicyLoader.parse(TestPolicies.valid("p", 1), "p.yaml").requirePolicy();

    assertThat(p.rtt()).isEqualTo(RttTable.DEFAULT);
    assertThat(p.breaker()).isEqualTo(BreakerSettings.DEFAULT);
    assertThat(p.telemetry()).isEqualTo(TelemetrySettings.DEFAULT);
    assertThat(p.routes()).isEmpty();
    assertThat(p.defaultRoute()).isEqualTo(RouteSpec.of("default", RouteMatch.ANY, Objective.BALANCED));
    EndpointSpec e = p.endpoints().get(0);
    assertThat(e.maxConcurrency()).isEqualTo(EndpointSpec.DEFAULT_MAX_CONCURRENCY);
    assertThat(e.cost()).isEqualTo(Cost.FREE);
    assertThat(e.metrics()).isNull();
  }

  @Test
  void warnsAboutRoutesNoEndpointCanServeAndUnreachableSlos() {
    String text = TestPolicies.valid("p", 1).replace("tiers: [edge-gpu]", "tiers: [edge-gpu, cloud]") + """
          routes:
            - name: eu-only
              match: {model: llama-3.1-8b}
              residency: {allowedRegions: [europe-west1]}
            - name: too-fast
              match: {headers: {x-priority: interactive}}
              slo: {ttftP95: 1ms}
            - name: shadowed
              match: {headers: {x-priority: interactive}}
        """;

    PolicyLoadResult result = PolicyLoader.parse(text, "p.yaml");

    assertThat(result.ok()).isTrue();
    assertThat(result.warnings()).extracting(PolicyProblem::withoutFile).containsExactly(
        "5:10: spec.tiers: \"cloud\" has no endpoints",
        "13:7: spec.routes[0]: no endpoint can serve this route (model llama-3.1-8b, regions [europe-west1])",
        "16:7: spec.routes[1].slo.ttftP95: 1ms is below the best possible round trip 2ms (spec.localities.rtt): the SLO can never be met",
        "19:7: spec.routes[2]: never matched: route \"too-fast\" before it has the same match");
    assertThat(result.describe()).contains("p.yaml:5:10: warning: spec.tiers: \"cloud\" has no endpoints");
  }

  @Test
  void rendersTheResultAsJsonForTheCli() {
    PolicyLoadResult result = PolicyLoader.parse(TestPolicies.invalid("p"), "dir/p \"1\".yaml");

    assertThat(result.toJson()).isEqualTo("{\"file\":\"dir/p \\\"1\\\".yaml\",\"ok\":false,\"policy\":null,"
        + "\"sha256\":\"" + result.sha256() + "\",\"errors\":[{\"file\":\"dir/p \\\"1\\\".yaml\",\"line\":9,"
        + "\"column\":7,\"path\":\"spec.endpoints[0].tear\",\"message\":\"unknown field (did you mean \\\"tier\\\"?)\"}],"
        + "\"warnings\":[]}");
  }

  @Test
  void refusesAHundredMegabyteFileWithoutReadingIt() throws IOException {
    Path huge = dir.resolve("huge.yaml");
    byte[] line = "# padding padding padding padding padding padding padding padding padding\n"
        .getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(huge)) {
      for (long written = 0; written < 100L << 20; written += line.length) {
        out.write(line);
      }
    }

    PolicyLoadResult result = PolicyLoader.load(huge);

    assertThat(result.errors()).extracting(PolicyProblem::toString).singleElement().asString()
        .startsWith(huge + ": the file has 1048576").endsWith("bytes (expected: at most 4194304 bytes, 4MiB)");
  }

  @Test
  void refusesTextOverTheLimitGivenDirectly() {
    String text = "#".repeat(PolicyLoader.MAX_BYTES + 1);

    assertThat(PolicyLoader.parse(text, "big.yaml").errors()).singleElement()
        .extracting(PolicyProblem::message).asString().startsWith("the file has 4194305 bytes");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String text = "spec: " + "[".repeat(200) + "]".repeat(200);

    assertThat(PolicyLoader.parse(text, "deep.yaml").errors()).singleElement()
        .extracting(PolicyProblem::message).asString().startsWith("not valid YAML:").contains("Nesting Depth");
  }

  @Test
  void refusesARecursiveAliasWithoutLooping() {
    String text = TestPolicies.valid("p", 1).replace("models: [llama-3.1-8b]", "models: &m [*m]");

    assertThat(PolicyLoader.parse(text, "p.yaml").errors()).extracting(PolicyProblem::withoutFile)
        .containsExactly("11:15: spec.endpoints[0].models[0]: found a list (expected: a model name without spaces)");
  }

  @Test
  void reportsAMissingFile() {
    assertThat(PolicyLoader.load(dir.resolve("absent.yaml")).errors()).singleElement()
        .extracting(PolicyProblem::withoutFile).isEqualTo("no such file");
  }

  @Test
  void reportsAnEmptyFile() {
    assertThat(PolicyLoader.parse("# nothing\n", "e.yaml").errors()).singleElement()
        .extracting(PolicyProblem::withoutFile)
        .isEqualTo("the file is empty (expected: a RoutingPolicy document)");
  }
}
