package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @TempDir Path dir;
  private final String policy = CliRun.docs("examples/demo.yaml").toString();
  private final String request = CliRun.docs("examples/request-chat.json").toString();

  @Test
  void printsTheDecisionAsATable() {
    CliRun run = CliRun.of("explain", "--policy", policy, "--request", request);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("route: interactive-chat").contains("decision: ")
        .contains("edge-a-1").contains("cloud-1");
  }

  @Test
  void telemetryChangesTheDecisionAndJsonNamesEveryCandidate() throws Exception {
    CliRun run = CliRun.of("explain", "--policy", policy, "--request", request, "--telemetry",
        CliRun.docs("examples/telemetry-busy-edge.json").toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode x = new ObjectMapper().readTree(run.out());
    assertThat(x.get("candidates")).hasSize(6);
    assertThat(x.get("primary").asText()).isEqualTo("regional-npu-2");
    assertThat(removedBy(x, "edge-a-1")).isEqualTo("saturated");
    assertThat(removedBy(x, "cloud-1")).isEqualTo("unhealthy");
  }

  private static String removedBy(JsonNode x, String endpoint) {
    for (JsonNode c : x.get("candidates")) {
      if (c.get("endpoint").asText().equals(endpoint)) {
        return c.get("removedBy").asText();
      }
    }
    throw new AssertionError("no candidate " + endpoint);
  }

  @Test
  void malformedRequestBodyIsExitOneWithTheReason() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"body\": {\"model\": 7}}");
    CliRun run = CliRun.of("explain", "--policy", policy, "--request", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(bad + ": body: model: expected a string");
  }

  @Test
  void requestWithoutModelIsRejected() throws Exception {
    Path bad = dir.resolve("nomodel.json");
    Files.writeString(bad, "{\"messages\": []}");
    CliRun run = CliRun.of("explain", "--policy", policy, "--request", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("body.model: missing (expected the model name)");
  }

  @Test
  void telemetryNamingAnUnknownEndpointOrFieldIsRejected() throws Exception {
    Path unknown = dir.resolve("t1.json");
    Files.writeString(unknown, "{\"endpoints\": {\"edge-z\": {\"inFlight\": 1}}}");
    CliRun run = CliRun.of("explain", "--policy", policy, "--request", request, "--telemetry", unknown.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("endpoints.edge-z: no such endpoint in the policy");
    Path field = dir.resolve("t2.json");
    Files.writeString(field, "{\"endpoints\": {\"edge-a-1\": {\"inflight\": 1}}}");
    run = CliRun.of("explain", "--policy", policy, "--request", request, "--telemetry", field.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("endpoints.edge-a-1.inflight: unknown field");
  }

  @Test
  void invalidPolicyIsExitOneWithItsErrors() throws Exception {
    Path bad = dir.resolve("p.yaml");
    Files.writeString(bad, "apiVersion: inferoute.io/v1alpha1\nkind: RoutingPolicy\n");
    CliRun run = CliRun.of("explain", "--policy", bad.toString(), "--request", request);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(bad.toString());
  }
}
