package io.inferoute.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Structural checks for the Gateway API resources of the examples (InferencePool, HTTPRoute).
 *
 * <p>Their CRDs are not Istio's and no copy of them is in {@code shared/schemas}, so these checks
 * stand in for schema validation: the fields follow the GIE v1 API
 * ({@code inference.networking.k8s.io/v1}, {@code api/v1/inferencepool_types.go}) and Gateway API
 * v1 HTTPRoute, including unknown-field detection on the parts the examples use.
 */
final class GatewayApiShapes {

  static final String INFERENCE_POOL_API = "inference.networking.k8s.io/v1";
  static final String HTTP_ROUTE_API = "gateway.networking.k8s.io/v1";

  private static final Set<String> POOL_SPEC_FIELDS = Set.of("selector", "targetPorts", "endpointPickerRef");
  private static final Set<String> PICKER_FIELDS = Set.of("group", "kind", "name", "port", "failureMode");
  private static final Set<String> FAILURE_MODES = Set.of("FailOpen", "FailClose");

  private GatewayApiShapes() {}

  /** Violations of an InferencePool; empty when its shape matches GIE v1. */
  static List<String> inferencePool(JsonNode pool) {
    List<String> out = new ArrayList<>();
    expect(pool, "apiVersion", INFERENCE_POOL_API, out);
    JsonNode spec = pool.path("spec");
    onlyFields(spec, POOL_SPEC_FIELDS, "spec", out);
    if (spec.path("selector").path("matchLabels").size() == 0) {
      out.add("spec.selector.matchLabels: empty (expected: at least one label)");
    }
    JsonNode ports = spec.path("targetPorts");
    if (ports.size() != 1) {
      out.add("spec.targetPorts: " + ports.size() + " entries (expected: exactly 1)");
    }
    for (JsonNode port : ports) {
      checkPort(port, "spec.targetPorts[].number", out);
    }
    checkPicker(spec.path("endpointPickerRef"), out);
    return out;
  }

  private static void checkPicker(JsonNode picker, List<String> out) {
    onlyFields(picker, PICKER_FIELDS, "spec.endpointPickerRef", out);
    if (picker.path("name").asText("").isEmpty()) {
      out.add("spec.endpointPickerRef.name: empty (expected: the picker's Service name)");
    }
    String kind = picker.path("kind").asText("Service");
    if (kind.equals("Service") && !picker.has("port")) {
      out.add("spec.endpointPickerRef.port: missing (expected: set when kind is Service)");
    }
    if (picker.has("port")) {
      checkPort(picker.path("port"), "spec.endpointPickerRef.port.number", out);
    }
    String mode = picker.path("failureMode").asText("FailClose");
    if (!FAILURE_MODES.contains(mode)) {
      out.add("spec.endpointPickerRef.failureMode: " + mode + " (expected: FailOpen or FailClose)");
    }
  }

  private static void checkPort(JsonNode port, String at, List<String> out) {
    JsonNode number = port.path("number");
    if (!number.isIntegralNumber() || number.asInt() < 1 || number.asInt() > 65535) {
      out.add(at + ": " + number + " (expected: 1..65535)");
    }
  }

  /** Violations of an HTTPRoute whose backends must all be the named InferencePool. */
  static List<String> httpRouteToPool(JsonNode route, String poolName) {
    List<String> out = new ArrayList<>();
    expect(route, "apiVersion", HTTP_ROUTE_API, out);
    if (route.path("spec").path("parentRefs").size() == 0) {
      out.add("spec.parentRefs: empty (expected: the Gateway)");
    }
    JsonNode rules = route.path("spec").path("rules");
    if (rules.size() == 0) {
      out.add("spec.rules: empty (expected: at least one rule)");
    }
    for (JsonNode rule : rules) {
      for (JsonNode backend : rule.path("backendRefs")) {
        expect(backend, "group", "inference.networking.k8s.io", out);
        expect(backend, "kind", "InferencePool", out);
        expect(backend, "name", poolName, out);
      }
    }
    return out;
  }

  private static void expect(JsonNode node, String field, String expected, List<String> out) {
    String actual = node.path(field).asText("");
    if (!actual.equals(expected)) {
      out.add(field + ": " + actual + " (expected: " + expected + ")");
    }
  }

  private static void onlyFields(JsonNode node, Set<String> allowed, String at, List<String> out) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        out.add(at + "." + name + ": unknown field (expected: one of " + allowed + ")");
      }
    }
  }
}
