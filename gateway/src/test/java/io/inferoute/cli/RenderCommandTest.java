package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderCommandTest {
  @Test
  void rendersIstioManifestsForTheDemoPolicy() throws Exception {
    CliRun run = CliRun.of("render", "istio", "--policy", CliRun.docs("examples/demo.yaml").toString(),
        "--gateway-locality", "local/edge-a");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> kinds = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
        .readValues(run.out())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.has("kind")) {
          kinds.add(doc.get("kind").asText());
        }
      }
    }
    assertThat(kinds).contains("DestinationRule", "EnvoyFilter", "Deployment", "Service",
        "ServiceAccount", "PodDisruptionBudget");
  }

  @Test
  void unknownTargetIsAUsageErrorAndBadLocalityIsExplained() {
    String policy = CliRun.docs("examples/demo.yaml").toString();
    CliRun run = CliRun.of("render", "helm", "--policy", policy);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("render: \"helm\" (expected: istio)");
    run = CliRun.of("render", "istio", "--policy", policy, "--gateway-locality", "a//b");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("is not a locality");
  }
}
