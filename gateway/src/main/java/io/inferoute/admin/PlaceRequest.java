package io.inferoute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.policy.Locality;
import io.inferoute.routing.Headers;
import io.inferoute.routing.RoutingRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A workload spec for {@code POST /v1/place}: what a request would look like, without its body.
 * <pre>{"model": "llama-3.1-8b", "prompt": "…" | "promptChars": 12000, "maxTokens": 256,
 *  "origin": "eu/eu-b", "headers": {"x-priority": "batch"}, "path": "/v1/chat/completions"}</pre>
 */
final class PlaceRequest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("model", "prompt", "promptChars", "maxTokens", "origin", "headers", "path");

  private PlaceRequest() {}

  /** Parses the spec; the message of the exception names the field and what was expected. */
  static RoutingRequest parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("body: not JSON (expected a workload spec object)");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("body: expected a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(f + ": unknown field (expected one of " + FIELDS + ")");
      }
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.asText().isEmpty()) {
      throw new IllegalArgumentException("model: missing (expected the model name)");
    }
    String prompt = root.hasNonNull("prompt") ? root.get("prompt").asText() : "";
    int chars = root.hasNonNull("promptChars") ? root.get("promptChars").asInt(-1) : prompt.length();
    if (chars < 0) {
      throw new IllegalArgumentException("promptChars: expected a non-negative integer");
    }
    int maxTokens = root.hasNonNull("maxTokens") ? root.get("maxTokens").asInt(-1)
        : RoutingRequest.DEFAULT_MAX_OUTPUT_TOKENS;
    if (maxTokens < 0) {
      throw new IllegalArgumentException("maxTokens: expected a non-negative integer");
    }
    Locality origin = Locality.UNKNOWN;
    if (root.hasNonNull("origin")) {
      origin = Locality.parse(root.get("origin").asText());
    }
    Map<String, String> headers = new HashMap<>();
    if (root.has("headers")) {
      root.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    }
    String path = root.hasNonNull("path") ? root.get("path").asText() : "/v1/chat/completions";
    return new RoutingRequest(model.asText(), path, Headers.of(headers), prompt,
        RoutingRequest.estimateTokens(Math.max(chars, prompt.length())), maxTokens, origin, null);
  }
}
