package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferoute.testing.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The InferencePool example wires Inferoute as the pool's endpoint picker. No CRD schema for the
 * Gateway API or GIE is available here, so these are structural checks (see GatewayApiShapes).
 */
class InferencePoolExampleTest {

  private static final List<JsonNode> DOCS =
      TestFiles.readAll(TestFiles.moduleFile("envoy", "istio/inferencepool.yaml"));
  private static final JsonNode POOL = DOCS.get(0);
  private static final JsonNode ROUTE = DOCS.get(1);

  @Test
  void poolHasTheShapeOfGieV1() {
    assertThat(POOL.path("kind").asText()).isEqualTo("InferencePool");
    assertThat(GatewayApiShapes.inferencePool(POOL)).isEmpty();
  }

  @Test
  void poolPicksEndpointsThroughInferouteOnPort9002() {
    JsonNode picker = POOL.at("/spec/endpointPickerRef");
    assertThat(picker.path("name").asText()).isEqualTo("inferoute");
    assertThat(picker.path("kind").asText()).isEqualTo("Service");
    assertThat(picker.at("/port/number").asInt()).isEqualTo(9002);
  }

  @Test
  void routeSendsItsTrafficToThePool() {
    assertThat(ROUTE.path("kind").asText()).isEqualTo("HTTPRoute");
    assertThat(GatewayApiShapes.httpRouteToPool(ROUTE, POOL.at("/metadata/name").asText())).isEmpty();
  }

  @Test
  void shapeCheckRejectsUnknownFieldsAndBadFailureMode() {
    ObjectNode bad = POOL.deepCopy();
    ((ObjectNode) bad.at("/spec")).put("extensionRef", "old-v1alpha2-field");
    ((ObjectNode) bad.at("/spec/endpointPickerRef")).put("failureMode", "FailSometimes");
    ((ObjectNode) bad.at("/spec/endpointPickerRef")).remove("port");

    assertThat(GatewayApiShapes.inferencePool(bad)).hasSize(3);
  }
}
