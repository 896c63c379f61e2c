package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.request.UsageScanner;
import io.inferoute.routing.Completion;
import io.inferoute.routing.RoutingEngine;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched request as the response comes back: holds the in-flight slot taken at the
 * decision and gives it back exactly once, with what was observed.
 *
 * <p>Confined to its stream (gRPC delivers one call's messages one at a time), so plain fields.
 */
final class Attempt {
  /** Per thread (gRPC event loops): response chunks are copied here for the usage scan. */
  private static final ThreadLocal<byte[]> COPY = ThreadLocal.withInitial(() -> new byte[8192]);

  private final RoutingEngine engine;
  private final long dispatchedAt;
  private Endpoint endpoint;
  private int status = -1;
  private long headersAt = -1;
  private long firstChunkAt = -1;
  private @Nullable UsageScanner usage;
  private boolean finished;

  Attempt(RoutingEngine engine, Endpoint endpoint, long dispatchedAt) {
    this.engine = engine;
    this.endpoint = endpoint;
    this.dispatchedAt = dispatchedAt;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Envoy reports that {@code served} answered, not the endpoint counted at the decision: move the
   * in-flight slot there. Returns false when the served endpoint's breaker refuses the request;
   * the attempt is then finished without feedback.
   */
  boolean movedTo(Endpoint served) {
    if (finished || served == endpoint) {
      return !finished;
    }
    // Nothing is known about the primary: give its slot back (see RoutingEngine.abandoned).
    engine.abandoned(endpoint);
    if (!engine.dispatched(served)) {
      finished = true;
      return false;
    }
    endpoint = served;
    return true;
  }

  void responseHeaders(int status, long now) {
    this.status = status;
    this.headersAt = now;
  }

  void responseChunk(ByteString chunk, long now) {
    if (firstChunkAt < 0 && !chunk.isEmpty()) {
      firstChunkAt = now;
    }
    if (usage == null) {
      usage = new UsageScanner();
    }
    byte[] copy = COPY.get(); // a ByteString lends no array: scanned in bulk from a copy
    for (int at = 0, n = chunk.size(); at < n; at += copy.length) {
      int length = Math.min(copy.length, n - at);
      chunk.copyTo(copy, at, 0, length);
      usage.accept(copy, 0, length);
    }
  }

  /** The response ended: feed status, latency and tokens to the engine. Idempotent. */
  void complete(long now) {
    if (finished) {
      return;
    }
    finished = true;
    int code = status < 0 ? 200 : status;
    engine.completed(endpoint, Completion.ofStatus(code, ttft(), now - dispatchedAt, tokens()));
  }

  /**
   * The stream ended before the response did (Envoy reset it, or the client went away). With a
   * status in hand the endpoint did answer: that is its outcome. Without one nothing is known about
   * the endpoint, so only the slot is given back. Idempotent.
   */
  void abandon(long now) {
    if (finished) {
      return;
    }
    if (status >= 0) {
      complete(now);
      return;
    }
    finished = true;
    engine.abandoned(endpoint);
  }

  boolean finished() {
    return finished;
  }

  /**
   * Time to the first response body byte, or to the response headers when no body byte was seen
   * (Envoy sends no body in {@code NONE} mode, or the body is empty), as the HTTP gateway takes
   * it: for an SSE stream that is the first token; for a plain JSON response it is when the
   * answer started to come back, which is what the latency scorer compares endpoints by.
   */
  private long ttft() {
    long first = firstChunkAt >= 0 ? firstChunkAt : headersAt;
    return first < 0 ? -1 : Math.max(0, first - dispatchedAt);
  }

  private int tokens() {
    return usage == null ? -1 : usage.completionTokens();
  }
}
