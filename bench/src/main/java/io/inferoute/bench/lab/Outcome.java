package io.inferoute.bench.lab;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the client saw for one {@link LabRequest}.
 *
 * @param request the request sent
 * @param status the HTTP status, or 0 when no response arrived (connect failure, timeout)
 * @param sentNanos when it was sent, from the start of the run
 * @param ttftNanos time from sending to the first content token (first SSE {@code data:} event
 *     carrying content), or -1 when none arrived
 * @param e2eNanos time from sending to the end of the response, or -1 when it did not end
 * @param promptTokens prompt tokens from the response's {@code usage}, or 0 when absent
 * @param cachedTokens prompt tokens served from the KV cache ({@code
 *     usage.prompt_tokens_details.cached_tokens}), or 0 when absent
 * @param outputTokens output tokens from {@code usage}, or 0 when absent
 * @param endpoint the simulated endpoint that served it, or null when unknown
 * @param error a short description of what went wrong (non-2xx, broken stream, timeout), or null
 */
public record Outcome(
    LabRequest request,
    int status,
    long sentNanos,
    long ttftNanos,
    long e2eNanos,
    int promptTokens,
    int cachedTokens,
    int outputTokens,
    @Nullable String endpoint,
    @Nullable String error) {

  public Outcome {
    Objects.requireNonNull(request, "request");
  }

  /** Whether the client got a complete successful answer. */
  public boolean ok() {
    return error == null && status >= 200 && status < 300;
  }
}
