package io.inferoute.bench.lab;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request of a seeded workload trace, ready to send.
 *
 * @param index position in the trace, from 0
 * @param arrivalNanos when to send it, from the start of the run (open loop)
 * @param session the conversation it belongs to (sent as {@code x-session-id}), or null
 * @param origin the client's edge site as {@code region/zone} (sent as {@code x-client-locality})
 * @param interactive true for interactive traffic with a TTFT SLO, false for batch
 * @param model the model name
 * @param path the API path, e.g. {@code /v1/chat/completions}
 * @param body the JSON body, streaming with usage on the last chunk
 * @param promptChars characters of prompt text in the body (the simulated servers count one
 *     token per four characters)
 * @param maxTokens output tokens requested
 */
public record LabRequest(
    int index,
    long arrivalNanos,
    @Nullable String session,
    String origin,
    boolean interactive,
    String model,
    String path,
    String body,
    int promptChars,
    int maxTokens) {

  public LabRequest {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    if (arrivalNanos < 0) {
      throw new IllegalArgumentException("arrivalNanos: " + arrivalNanos + " (expected: >= 0)");
    }
  }
}
