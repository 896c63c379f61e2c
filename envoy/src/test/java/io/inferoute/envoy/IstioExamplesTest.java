package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.IstioTestFiles;
import io.inferoute.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every document in envoy/istio is validated by the strictest check available for its kind. */
class IstioExamplesTest {

  static Stream<Arguments> istioDocuments() throws IOException {
    List<Arguments> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestFiles.moduleFile("envoy", "istio"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : TestFiles.readAll(file)) {
          String name = file.getFileName() + ": " + doc.path("kind").asText();
          docs.add(Arguments.of(Named.of(name, doc)));
        }
      }
    }
    assertThat(docs).as("documents in envoy/istio").hasSizeGreaterThanOrEqualTo(4);
    return docs.stream();
  }

  @ParameterizedTest
  @MethodSource("istioDocuments")
  void everyDocumentPassesTheValidatorOfItsKind(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText();
    assertThat(doc.path("metadata").path("name").asText()).as("metadata.name").isNotEmpty();
    if (apiVersion.startsWith("networking.istio.io/")) {
      assertThat(IstioTestFiles.schemas().violations(doc)).isEmpty();
      if (doc.path("kind").asText().equals("DestinationRule")) {
        assertThat(LocalityLbRules.check(doc.path("spec")).errors()).isEmpty();
      }
    } else if (doc.path("kind").asText().equals("InferencePool")) {
      assertThat(GatewayApiShapes.inferencePool(doc)).isEmpty();
    } else if (doc.path("kind").asText().equals("HTTPRoute")) {
      // Structural only: no HTTPRoute CRD schema is available here.
      assertThat(doc.path("spec").path("rules").size()).isPositive();
    } else {
      throw new AssertionError("kind: " + doc.path("kind").asText() + " in " + apiVersion
          + " (expected: an Istio resource, InferencePool or HTTPRoute)");
    }
  }
}
