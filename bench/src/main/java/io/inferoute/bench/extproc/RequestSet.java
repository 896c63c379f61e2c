package io.inferoute.bench.extproc;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.inferoute.extproc.EnvoyMessages;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * Prebuilt ext_proc messages for one request size: per request, the request_headers message (with
 * Envoy's protocol configuration, BUFFERED request body) and the one request_body message.
 *
 * <p>Prompts share a few long system prompts (the first half of each), as chat traffic does, so
 * prefix affinity has something to find. Built once, before any timing, and shared read-only.
 */
final class RequestSet {
  static final String MODEL = io.inferoute.bench.BenchFleets.MODEL;

  private final ProcessingRequest[] headers;
  private final ProcessingRequest[] bodies;
  private final int bodyBytes;

  private RequestSet(ProcessingRequest[] headers, ProcessingRequest[] bodies, int bodyBytes) {
    this.headers = headers;
    this.bodies = bodies;
    this.bodyBytes = bodyBytes;
  }

  /**
   * {@code count} requests whose chat bodies are {@code bodyBytes} long (exactly, in UTF-8),
   * sharing {@code systems} system prompts.
   */
  static RequestSet build(int count, int bodyBytes, int systems) {
    return build(count, bodyBytes, systems, BodySendMode.NONE);
  }

  /**
   * As {@link #build(int, int, int)}, with Envoy told to send the response body in {@code
   * responseMode}.
   */
  static RequestSet build(int count, int bodyBytes, int systems, BodySendMode responseMode) {
    Random random = new Random(7);
    int promptChars = Math.max(16, bodyBytes - chat("", "").length());
    String[] system = new String[systems];
    for (int i = 0; i < systems; i++) {
      system[i] = text(random, promptChars / 2);
    }
    ProcessingRequest[] headers = new ProcessingRequest[count];
    ProcessingRequest[] bodies = new ProcessingRequest[count];
    for (int i = 0; i < count; i++) {
      String body = chat(system[i % systems], text(random, promptChars - promptChars / 2));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      headers[i] = EnvoyMessages.requestHeaders(envoyHeaders(i, bytes.length), false,
          EnvoyMessages.modes(BodySendMode.BUFFERED, responseMode));
      bodies[i] = EnvoyMessages.requestBody(body, true);
    }
    return new RequestSet(headers, bodies, bodies[0].getRequestBody().getBody().size());
  }

  /** The headers Envoy sends for a chat completion, values in raw_value as Envoy does. */
  private static Map<String, String> envoyHeaders(int i, int contentLength) {
    return EnvoyMessages.post(
        "content-length", Integer.toString(contentLength),
        "user-agent", "OpenAI/Python 1.54.0",
        "accept", "application/json",
        "authorization", "Bearer sk-bench-0000000000000000",
        "x-priority", "interactive",
        "x-forwarded-proto", "http",
        "x-request-id", String.format("5f0c6a1e-7d4b-4b8e-9a51-%012d", i),
        "x-envoy-expected-rq-timeout-ms", "60000");
  }

  private static String chat(String system, String user) {
    return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\",\"content\":\""
        + system + "\"},{\"role\":\"user\",\"content\":\"" + user
        + "\"}],\"stream\":true,\"max_tokens\":256,\"temperature\":0.7}";
  }

  private static String text(Random random, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      sb.append((char) ('a' + random.nextInt(26)));
      if (random.nextInt(6) == 0) {
        sb.append(' ');
      }
    }
    sb.setLength(chars);
    return sb.toString();
  }

  int size() {
    return headers.length;
  }

  ProcessingRequest headers(int i) {
    return headers[i];
  }

  ProcessingRequest body(int i) {
    return bodies[i];
  }

  /** Body length of the first request (all are within a few bytes of it). */
  int bodyBytes() {
    return bodyBytes;
  }
}
