package io.inferoute.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.jspecify.annotations.Nullable;

/**
 * One inference request inside a simulated server, from admission to its last byte: waits in the
 * queue, "prefills" (a timer as long as the uncached prompt takes), then "decodes" tokens at the
 * configured speed, writing SSE chunks as they come due or one JSON body at the end. Confined to the
 * server's event loop; every step is a timer callback, none blocks.
 */
final class Generation {
  private static final String[] WORDS = {
    "the", "router", "picks", "an", "endpoint", "near", "the", "data", "while", "tokens", "flow",
    "from", "edge", "to", "cloud", "and", "caches", "stay", "warm"
  };

  private enum State { QUEUED, RUNNING, DONE }

  private final ServingEngine engine;
  private final Vertx vertx;
  private final CompletionRequest request;
  private final HttpServerResponse response;
  private final String id;
  private final long createdEpochSeconds;
  private final long arrivalNanos;
  private final boolean resetMidResponse;
  private final long networkDelayNanos;
  private final int seed;
  private final StringBuilder text = new StringBuilder();
  private State state = State.QUEUED;
  private int cachedTokens;
  private int emitted;
  private long decodeStartNanos;
  private long timerId = -1;

  Generation(ServingEngine engine, Vertx vertx, CompletionRequest request, HttpServerResponse response,
      String id, boolean resetMidResponse, long networkDelayNanos) {
    this.engine = engine;
    this.vertx = vertx;
    this.request = request;
    this.response = response;
    this.id = id;
    this.resetMidResponse = resetMidResponse;
    this.networkDelayNanos = networkDelayNanos;
    this.createdEpochSeconds = System.currentTimeMillis() / 1000;
    this.arrivalNanos = System.nanoTime();
    this.seed = Math.floorMod(request.prompt().hashCode(), WORDS.length);
  }

  CompletionRequest request() {
    return request;
  }

  String id() {
    return id;
  }

  long createdEpochSeconds() {
    return createdEpochSeconds;
  }

  int promptTokens() {
    return request.promptTokens();
  }

  int cachedTokens() {
    return cachedTokens;
  }

  /** Unscaled network delay this request's TTFT includes (by its origin, or the tier's). */
  long networkDelayNanos() {
    return networkDelayNanos;
  }

  /** Admitted: prefill takes {@code prefillNanos} (already scaled), then the first token is out. */
  void start(int cachedTokens, long firstTokenDelayNanos) {
    if (state != State.QUEUED) {
      return;
    }
    state = State.RUNNING;
    this.cachedTokens = cachedTokens;
    timerId = vertx.setTimer(millis(firstTokenDelayNanos), t -> firstToken());
  }

  private void firstToken() {
    if (state != State.RUNNING) {
      return;
    }
    long now = System.nanoTime();
    engine.metrics().recordTtft((now - arrivalNanos) / 1e9);
    decodeStartNanos = now;
    if (request.stream()) {
      response.setStatusCode(200).setChunked(true)
          .putHeader("content-type", "text/event-stream")
          .putHeader("cache-control", "no-cache");
    }
    tick();
  }

  private void tick() {
    timerId = -1;
    if (state != State.RUNNING) {
      return;
    }
    int total = request.maxTokens();
    long elapsed = System.nanoTime() - decodeStartNanos;
    int due = (int) Math.min(total, 1 + (long) (elapsed / engine.tokenNanos()));
    @Nullable StringBuilder chunks = request.stream() ? new StringBuilder() : null;
    while (emitted < due) {
      String word = WORDS[(seed + emitted) % WORDS.length] + " ";
      if (chunks != null) {
        sse(chunks, OpenAiFormat.chunk(this, word, emitted == 0));
      } else {
        text.append(word);
      }
      emitted++;
      if (resetMidResponse && request.stream() && emitted >= Math.max(1, total / 2)) {
        response.write(String.valueOf(chunks));
        abortWithReset();
        return;
      }
    }
    if (chunks != null && chunks.length() > 0) {
      response.write(chunks.toString());
    }
    if (emitted >= total) {
      complete();
    } else if (request.stream() && response.writeQueueFull()) {
      // A slow client: wait for it instead of buffering its tokens.
      response.drainHandler(v -> tick());
    } else {
      long nextAt = decodeStartNanos + (long) (emitted * engine.tokenNanos());
      timerId = vertx.setTimer(millis(nextAt - System.nanoTime()), t -> tick());
    }
  }

  private void complete() {
    if (request.stream()) {
      StringBuilder tail = new StringBuilder();
      sse(tail, OpenAiFormat.finishChunk(this));
      if (request.includeUsage()) {
        sse(tail, OpenAiFormat.usageChunk(this));
      }
      sse(tail, "[DONE]");
      response.end(tail.toString());
    } else {
      String body = OpenAiFormat.completion(this, text.toString());
      if (resetMidResponse) {
        response.setChunked(true).putHeader("content-type", "application/json");
        response.write(body.substring(0, body.length() / 2));
        abortWithReset();
        return;
      }
      response.putHeader("content-type", "application/json").end(body);
    }
    engine.metrics().recordTokens(promptTokens(), request.maxTokens());
    finish();
  }

  private void abortWithReset() {
    response.reset();
    finish();
  }

  /** The client went away (or the stream was reset): stop and free the slot or queue place. */
  void clientGone() {
    if (state == State.QUEUED) {
      state = State.DONE;
      engine.dequeue(this);
    } else if (state == State.RUNNING) {
      finish();
    }
  }

  /** The server died: stop without touching the engine, which forgets everything itself. */
  void abandon() {
    state = State.DONE;
    cancelTimer();
  }

  private void finish() {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    cancelTimer();
    engine.finished(this);
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private static void sse(StringBuilder out, String data) {
    out.append("data: ").append(data).append("\n\n");
  }

  private static long millis(long nanos) {
    // Vert.x timers tick in milliseconds; 1 ms is the shortest wait.
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }
}
