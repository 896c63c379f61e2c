package io.inferoute.http;

import io.inferoute.openai.OpenAiBodies;
import io.inferoute.routing.RejectReason;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.TreeSet;

/** OpenAI-format bodies the gateway writes itself: errors, the SSE error event, the model list. */
final class OpenAiErrors {
  private OpenAiErrors() {}

  /** {@code {"error":{"message","type","param":null,"code"}}}. */
  static String error(String message, String type, String code) {
    return OpenAiBodies.error(message, type, code);
  }

  /** The error body of a rejection. */
  static String error(RejectReason reason, String message) {
    return error(message, reason.errorType(), reason.code());
  }

  /**
   * The last event of a stream that broke after its first byte: a {@code data:} line with an
   * error object, as OpenAI's own streams report errors. {@code atEventBoundary} false means the
   * previous event was cut mid-way; a blank line first ends it so the error parses on its own.
   */
  static Buffer sseErrorEvent(RejectReason error, String message, boolean atEventBoundary) {
    String event = "data: " + error(error, message) + "\n\n";
    return Buffer.buffer(atEventBoundary ? event : "\n\n" + event);
  }

  /** The {@code GET /v1/models} list, sorted by id. */
  static String models(Collection<String> models) {
    return OpenAiBodies.modelList(new TreeSet<>(models), "inferoute");
  }
}
