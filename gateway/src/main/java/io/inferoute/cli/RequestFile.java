package io.inferoute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.policy.Locality;
import io.inferoute.request.InferenceBody;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.request.MalformedBodyException;
import io.inferoute.routing.Headers;
import io.inferoute.routing.RoutingRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A request for {@code explain}: either a bare OpenAI-style body, or an envelope
 * <pre>{"body": {…}, "headers": {"x-priority": "interactive"}, "origin": "eu/eu-b", "path": "/v1/completions"}</pre>
 */
final class RequestFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestFile() {}

  static RoutingRequest read(Path file, int maxPromptChars) throws InvalidInputException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a readable JSON file: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(file + ": expected a JSON object");
    }
    boolean envelope = root.has("body");
    JsonNode bodyNode = envelope ? root.get("body") : root;
    byte[] body = bodyNode.toString().getBytes(StandardCharsets.UTF_8);
    InferenceBody parsed;
    try {
      parsed = new InferenceBodyParser(maxPromptChars).parse(body, 0, body.length);
    } catch (MalformedBodyException e) {
      throw new InvalidInputException(file + ": body: " + e.getMessage());
    }
    if (parsed.model() == null) {
      throw new InvalidInputException(file + ": body.model: missing (expected the model name)");
    }
    Map<String, String> headers = new HashMap<>();
    if (envelope && root.has("headers")) {
      Iterator<Map.Entry<String, JsonNode>> it = root.get("headers").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> h = it.next();
        headers.put(h.getKey(), h.getValue().asText());
      }
    }
    Locality origin = Locality.UNKNOWN;
    if (envelope && root.hasNonNull("origin")) {
      try {
        origin = Locality.parse(root.get("origin").asText());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ": origin: " + e.getMessage());
      }
    }
    String path = envelope && root.hasNonNull("path") ? root.get("path").asText() : "/v1/chat/completions";
    int promptTokens = RoutingRequest.estimateTokens((int) Math.min(Integer.MAX_VALUE, parsed.promptChars()));
    int maxTokens = parsed.maxTokens() < 0 ? RoutingRequest.DEFAULT_MAX_OUTPUT_TOKENS : parsed.maxTokens();
    return new RoutingRequest(parsed.model(), path, Headers.of(headers), parsed.promptPrefix(),
        promptTokens, maxTokens, origin, null);
  }

  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
