package io.inferoute.bench.lab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.Outcome;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * What the client sees of one request, as its bytes arrive: status, the serving endpoint, the
 * first content token of the SSE stream (TTFT), the usage on the last chunk, the end ({@code
 * [DONE]}) or what went wrong. Completes once; later events are ignored.
 *
 * <p>Methods are synchronized: on the ext_proc path events come from the gRPC and the HTTP
 * threads, and a timeout from a timer.
 */
final class ResponseRecorder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LabRequest request;
  private final long runStart;
  private final CountDownLatch done;
  private long sentAt = -1;
  private int status;
  private @Nullable String endpoint;
  private boolean eventStream;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder plainBody = new StringBuilder();
  private long ttftAt = -1;
  private long endAt = -1;
  private int promptTokens;
  private int cachedTokens;
  private int outputTokens;
  private boolean sawDone;
  private @Nullable String error;
  private @Nullable Runnable cancel;
  private boolean finished;

  ResponseRecorder(LabRequest request, long runStart, CountDownLatch done) {
    this.request = request;
    this.runStart = runStart;
    this.done = done;
  }

  LabRequest request() {
    return request;
  }

  /** The request leaves the client now (the first call counts). */
  synchronized void sent(long now) {
    if (sentAt < 0) {
      sentAt = now;
    }
  }

  /** What to do to abandon the request on a timeout (reset the HTTP request, cancel a stream). */
  synchronized void onCancel(Runnable action) {
    cancel = action;
  }

  synchronized boolean finished() {
    return finished;
  }

  /** Response headers arrived. */
  synchronized void headers(int status, @Nullable String endpoint, @Nullable String contentType) {
    this.status = status;
    this.endpoint = endpoint;
    this.eventStream = contentType != null && contentType.startsWith("text/event-stream");
  }

  /** A piece of the body arrived at {@code now}. */
  synchronized void data(String chunk, long now) {
    if (finished) {
      return;
    }
    if (!eventStream || status < 200 || status >= 300) {
      plainBody.append(chunk);
      return;
    }
    pending.append(chunk);
    int boundary;
    while ((boundary = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, boundary);
      pending.delete(0, boundary + 2);
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          onEvent(line.substring(5).trim(), now);
        }
      }
    }
  }

  /** The body ended at {@code now}. */
  synchronized void end(long now) {
    if (finished) {
      return;
    }
    endAt = now;
    if (status < 200 || status >= 300) {
      error = "http " + status + ": " + errorCode(plainBody.toString());
    } else if (!eventStream) {
      usage(parse(plainBody.toString()).path("usage"));
      ttftAt = now;
    } else if (error == null && !sawDone) {
      error = "broken stream: ended without [DONE]";
    }
    complete();
  }

  /** The response broke after it started (reset, closed connection). */
  synchronized void broken(Throwable cause) {
    fail("broken stream: " + describe(cause));
  }

  /** No response at all, or a refusal without one: {@code status} 0 when nothing answered. */
  synchronized void failed(int status, String what) {
    if (finished) {
      return;
    }
    this.status = status;
    fail(what);
  }

  /** The per-request timeout expired: record it and abandon the request. */
  synchronized void timeout(long timeoutNanos) {
    if (finished) {
      return;
    }
    fail("timeout after " + timeoutNanos / 1_000_000_000 + " s");
    Runnable c = cancel;
    if (c != null) {
      try {
        c.run();
      } catch (RuntimeException e) {
        // Already gone.
      }
    }
  }

  /** The outcome; call once {@link #finished()} (or after giving up: then it reads as a timeout). */
  synchronized Outcome outcome() {
    long sent = sentAt < 0 ? -1 : sentAt - runStart;
    String err = finished ? error : "no outcome: the run ended first";
    return new Outcome(request, status, Math.max(0, sent), ttftAt < 0 || sentAt < 0 ? -1 : ttftAt - sentAt,
        endAt < 0 || sentAt < 0 || err != null ? -1 : endAt - sentAt, promptTokens, cachedTokens,
        outputTokens, endpoint, err);
  }

  /** When it completed (absolute nanoTime), or -1. */
  synchronized long endedAt() {
    return endAt;
  }

  private void onEvent(String payload, long now) {
    if (payload.equals("[DONE]")) {
      sawDone = true;
      return;
    }
    boolean hasError = payload.contains("\"error\"");
    boolean hasUsage = payload.contains("\"usage\":{");
    if (ttftAt >= 0 && !hasError && !hasUsage) {
      return; // a content chunk after the first: nothing to read
    }
    JsonNode node = parse(payload);
    if (hasError && node.has("error")) {
      error = "stream error: " + code(node);
      return;
    }
    if (ttftAt < 0 && !content(node).isEmpty()) {
      ttftAt = now;
    }
    if (hasUsage) {
      usage(node.path("usage"));
    }
  }

  private static String content(JsonNode chunk) {
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta").path("content");
    return delta.isTextual() ? delta.textValue() : choice.path("text").asText("");
  }

  private void usage(JsonNode usage) {
    promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
    outputTokens = usage.path("completion_tokens").asInt(outputTokens);
    cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asInt(cachedTokens);
  }

  private void fail(String what) {
    if (finished) {
      return;
    }
    error = what;
    endAt = System.nanoTime();
    complete();
  }

  private void complete() {
    finished = true;
    done.countDown();
  }

  private static String errorCode(String body) {
    JsonNode node = parse(body);
    return node.has("error") ? code(node) : "(no OpenAI error body)";
  }

  private static String code(JsonNode node) {
    JsonNode e = node.path("error");
    String code = e.path("code").asText("");
    return code.isEmpty() ? e.path("type").asText("unknown") : code;
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
