package io.inferoute.http;

import io.inferoute.request.UsageScanner;
import io.inferoute.routing.Completion;
import io.inferoute.routing.RejectReason;
import io.inferoute.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Copies one upstream response to the client chunk by chunk, as it arrives (server-sent events
 * event by event), with backpressure: when the client's write queue is full the upstream response
 * is paused until it drains, so a slow client holds at most a write queue of bytes in the gateway.
 *
 * <p>Status and headers are written with the first body byte, not before: until then nothing has
 * reached the client and the exchange may still fail over. Time to first token is taken at that
 * first byte; output tokens come from a {@link UsageScanner}, which keeps no bytes. Confined to one event loop.
 */
final class ResponseRelay {
  /** Per event loop: chunks in direct memory are copied here for the usage scan. */
  private static final ThreadLocal<byte[]> COPY = ThreadLocal.withInitial(() -> new byte[8192]);

  private final Exchange exchange;
  private final GatewayCounters counters;
  private final Ticker ticker;
  private final HttpClientResponse in;
  private final HttpServerResponse out;
  private final long attemptStartNanos;
  private final UsageScanner usage = new UsageScanner();
  private boolean eventStream;
  private boolean committed;
  private boolean detached;
  private long ttftNanos = -1;
  /** The last four bytes sent, to know whether an SSE event was cut mid-way. */
  private int lastBytes;

  ResponseRelay(Exchange exchange, GatewayCounters counters, Ticker ticker, HttpClientResponse in,
      HttpServerResponse out, long attemptStartNanos) {
    this.exchange = exchange;
    this.counters = counters;
    this.ticker = ticker;
    this.in = in;
    this.out = out;
    this.attemptStartNanos = attemptStartNanos;
  }

  /** Prepares status and headers (written with the first byte) and starts relaying. */
  void start(String decisionId, String tier) {
    String contentType = in.getHeader("content-type");
    eventStream = contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    out.headers().clear();
    int status = in.statusCode();
    out.setStatusCode(status);
    String reason = in.statusMessage();
    // Only an unusual reason phrase is copied: setting one builds a new status object per response.
    if (reason != null && !reason.isEmpty() && !reason.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
      out.setStatusMessage(reason);
    }
    ForwardedHeaders.copyResponseHeaders(in.headers(), out.headers());
    out.putHeader(ForwardedHeaders.DECISION, decisionId);
    out.putHeader(ForwardedHeaders.TIER, tier);
    String length = in.getHeader("content-length");
    if (length != null && !eventStream) {
      out.putHeader("content-length", length);
    } else {
      out.setChunked(true); // HTTP/1.1 needs it without a length; HTTP/2 frames anyway
    }
    in.handler(chunk -> {
      if (live()) {
        exchange.guarded(() -> onChunk(chunk));
      }
    });
    in.endHandler(v -> {
      if (live()) {
        exchange.guarded(this::onEnd);
      }
    });
    in.exceptionHandler(e -> {
      if (live()) {
        exchange.guarded(() -> onError(e));
      }
    });
  }

  /** Stops relaying: later upstream events (e.g. caused by a reset the exchange sent) are ignored. */
  void detach() {
    detached = true;
  }

  private boolean live() {
    return !detached && !exchange.finished();
  }

  /** The chunk through the usage scanner in bulk: its own array when it has one, else a copy. */
  private void scanUsage(Buffer chunk) {
    ByteBuf bytes = chunk instanceof BufferInternal internal ? internal.unwrap() : null;
    if (bytes != null && bytes.hasArray()) {
      int from = bytes.arrayOffset() + bytes.readerIndex();
      usage.accept(bytes.array(), from, from + bytes.readableBytes());
      return;
    }
    byte[] copy = COPY.get();
    for (int at = 0, n = chunk.length(); at < n; at += copy.length) {
      int length = Math.min(copy.length, n - at);
      chunk.getBytes(at, at + length, copy, 0);
      usage.accept(copy, 0, length);
    }
  }

  private void onChunk(Buffer chunk) {
    if (!committed) {
      committed = true;
      ttftNanos = ticker.read() - attemptStartNanos;
    }
    int length = chunk.length();
    if (length == 0) {
      return;
    }
    scanUsage(chunk);
    for (int i = Math.max(0, length - 4); i < length; i++) {
      lastBytes = (lastBytes << 8) | (chunk.getByte(i) & 0xff);
    }
    counters.queued(length);
    out.write(chunk).onComplete(ar -> counters.flushed(length));
    if (out.writeQueueFull()) {
      in.pause();
      counters.upstreamPauses.increment();
      out.drainHandler(v -> in.resume());
    }
  }

  private void onEnd() {
    detached = true;
    long now = ticker.read();
    if (!committed) {
      committed = true;
      ttftNanos = now - attemptStartNanos; // an empty body: the headers were the first byte
    }
    int status = in.statusCode();
    int tokens = status >= 200 && status < 300 ? usage.completionTokens() : -1;
    // The exchange ends the client's response after giving the slot back, so a client that sends
    // its next request the moment this one ends never finds its own slot still taken.
    exchange.relayEnded(Completion.ofStatus(status, ttftNanos, now - attemptStartNanos, tokens));
  }

  private void onError(Throwable cause) {
    detached = true;
    exchange.relayBroke(cause, committed, ttftNanos);
  }

  /** Ends a broken event stream with a final {@code data:} error event and a clean close. */
  void endWithError(RejectReason error, String message) {
    detached = true;
    if (out.ended()) {
      return;
    }
    boolean atBoundary = (lastBytes & 0xffff) == 0x0a0a || lastBytes == 0x0d0a0d0a;
    Buffer event = OpenAiErrors.sseErrorEvent(error, message, atBoundary);
    int length = event.length();
    counters.queued(length);
    out.end(event).onComplete(ar -> counters.flushed(length));
  }

  /** Whether a byte of this response was handed to the client. */
  boolean committed() {
    return committed;
  }

  /** Whether the upstream answered {@code text/event-stream}. */
  boolean isEventStream() {
    return eventStream;
  }

  /** Time from the attempt's start to the first response byte, or -1 before it. */
  long ttftNanos() {
    return ttftNanos;
  }
}
