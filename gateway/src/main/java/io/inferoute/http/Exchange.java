package io.inferoute.http;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.Priority;
import io.inferoute.request.InferenceBody;
import io.inferoute.request.MalformedBodyException;
import io.inferoute.routing.Completion;
import io.inferoute.routing.Decision;
import io.inferoute.routing.Placement;
import io.inferoute.routing.RejectReason;
import io.inferoute.routing.Rejection;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.scrape.OrcaHeaderParser;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One client request through the gateway, confined to the event loop of its connection: read the
 * body under the limit, decide, wait briefly when saturated (interactive routes only), try the
 * placement's endpoints in order until one answers (failover only before the first response byte
 * reached the client, within {@code maxAttempts}, the retry budget and the deadline), then relay.
 *
 * <p>The attempts themselves, their endpoint slots and the failover rules are {@link Attempts}';
 * this class is the client-facing side: body, decision, waiting, the relay and every way to end.
 *
 * <p><b>Invariants.</b> Every endpoint slot taken is given back exactly once (see {@link
 * Attempts}); every exchange leaves the active count exactly once ({@link #finish}). Callbacks of an
 * abandoned attempt carry a stale attempt number and are ignored.
 */
final class Exchange {
  private static final System.Logger LOG = System.getLogger(Exchange.class.getName());

  private final GatewayState gw;
  private final HttpClientAgent client;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Context context;
  private final String decisionId;
  private @Nullable Buffer body;
  private @Nullable RoutingRequest routing;
  private final Attempts attempts;
  private @Nullable String route;
  private @Nullable ResponseRelay relay;
  private long deadlineTimer = -1;
  private long deadlineNanos;
  /** Made on the first wait only: most exchanges never wait for a slot. */
  private @Nullable SlotWait slotWait;
  private boolean finished;

  Exchange(GatewayState gw, HttpClientAgent client, HttpServerRequest request, Context context) {
    this.gw = gw;
    this.client = client;
    this.request = request;
    this.response = request.response();
    this.context = context;
    this.decisionId = gw.nextDecisionId();
    this.attempts = new Attempts(gw);
  }

  /** Starts reading the body; everything after happens in callbacks on this event loop. */
  void start() {
    gw.counters.active.incrementAndGet();
    response.closeHandler(v -> clientGone());
    response.exceptionHandler(e -> clientGone());
    request.exceptionHandler(e -> clientGone());
    BodyReader.read(request, gw.settings.bodyLimitBytes(),
        b -> guarded(() -> onBody(b)), () -> guarded(this::onTooLarge));
  }

  boolean finished() {
    return finished;
  }

  private void onTooLarge() {
    if (!finished) {
      if (request.version() != HttpVersion.HTTP_2) {
        response.putHeader("connection", "close"); // the rest of the body is not worth reading
      }
      reject(RejectReason.BODY_TOO_LARGE, "request body: more than " + gw.settings.bodyLimitBytes()
          + " bytes (expected: at most " + gw.settings.bodyLimitBytes() + ")");
    }
  }

  private void onBody(Buffer received) {
    if (finished) {
      return;
    }
    InferenceBody parsed;
    try {
      parsed = BodyBytes.parse(gw.parser, received);
    } catch (MalformedBodyException e) {
      reject(RejectReason.MALFORMED_REQUEST, e.getMessage());
      return;
    }
    if (parsed.model() == null) {
      reject(RejectReason.MALFORMED_REQUEST, "model: absent (expected: a JSON body naming a model)");
      return;
    }
    body = received;
    routing = UpstreamRequests.routingRequest(gw, request, parsed);
    decide();
  }

  private void decide() {
    Decision decision = gw.engine.decide(routing);
    if (route == null) {
      route = decision.route();
      armDeadline();
    }
    if (decision instanceof Placement p) {
      attempts.place(p);
      nextAttempt();
    } else {
      onRejection((Rejection) decision);
    }
  }

  private void onRejection(Rejection r) {
    if (r.reason() == RejectReason.SATURATED && gw.routes.priority(r.route()) == Priority.INTERACTIVE
        && slotWait().tryWait()) {
      return;
    }
    reject(r.reason(), r.message());
  }

  private SlotWait slotWait() {
    SlotWait w = slotWait;
    if (w == null) {
      w = new SlotWait(gw, context, () -> guarded(this::decide), () -> guarded(this::onWaitOver));
      slotWait = w;
    }
    return w;
  }

  private void cancelWait() {
    SlotWait w = slotWait;
    if (w != null) {
      w.cancel();
    }
  }

  private void onWaitOver() {
    if (!finished) {
      reject(RejectReason.SATURATED, "all eligible endpoints stayed at their limit for "
          + gw.settings.interactiveQueueWait().toMillis() + " ms");
    }
  }

  private void armDeadline() {
    long nanos = gw.routes.timeout(route).toNanos();
    deadlineNanos = gw.ticker.read() + nanos;
    deadlineTimer = gw.vertx.setTimer(millis(nanos), id -> guarded(this::onDeadline));
  }

  private void nextAttempt() {
    Endpoint e = attempts.dispatchNext();
    if (e == null) {
      failExhausted();
    } else {
      send(e, attempts.id());
    }
  }

  private void send(Endpoint e, int id) {
    SocketAddress server = gw.address(e.spec().address());
    client.request(UpstreamRequests.options(request, e, server)).onComplete(ar -> guarded(() -> {
      if (id != attempts.id() || finished) {
        if (ar.succeeded()) {
          ar.result().reset();
        }
      } else if (ar.failed()) {
        attemptFailed(ar.cause());
      } else {
        HttpClientRequest upstream = ar.result();
        attempts.upstream(upstream);
        UpstreamRequests.copyHeaders(request, upstream, e, decisionId);
        upstream.send(body).onComplete(r -> guarded(() -> {
          if (id == attempts.id() && !finished) {
            if (r.succeeded()) {
              onResponse(r.result());
            } else {
              attemptFailed(r.cause());
            }
          }
        }));
      }
    }));
  }

  /**
   * Runs a step of this exchange; a bug in it ends the exchange with a 500 (or a cut response)
   * instead of leaving the client hanging and the endpoint slot taken.
   */
  void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error bug) {
      if (finished) {
        throw bug;
      }
      LOG.log(System.Logger.Level.ERROR, "http gateway: exchange " + decisionId + " failed", bug);
      if (attempts.current() != null) {
        cancelUpstream();
        attempts.completeAsGatewayFailure(-1);
      }
      ResponseRelay r = relay;
      if (r != null && r.committed()) {
        response.reset();
        finish();
      } else {
        respond(500, OpenAiErrors.error("internal gateway error: " + bug, "server_error", "internal_error"));
      }
    }
  }

  private void onResponse(HttpClientResponse in) {
    Endpoint e = attempts.current();
    UpstreamRequests.reportOrca(e, in.getHeader(OrcaHeaderParser.HEADER));
    int status = in.statusCode();
    if ((status >= 500 || status == 429) && attempts.canRetry(deadlineNanos)) {
      in.handler(chunk -> { }); // drain so the connection can be reused
      attempts.failedWithStatus(status);
      retry();
      return;
    }
    relay = new ResponseRelay(this, gw.counters, gw.ticker, in, response, attempts.startNanos());
    relay.start(decisionId, e.spec().tier());
  }

  private void attemptFailed(Throwable cause) {
    attempts.failed(cause, -1);
    if (attempts.canRetry(deadlineNanos)) {
      retry();
    } else {
      failExhausted();
    }
  }

  /** Every attempt failed: 429 when each endpoint said it was busy, else 502. */
  private void failExhausted() {
    if (attempts.allRefusedAsBusy()) {
      response.headers().clear(); // a relay that failed over may have staged the upstream's headers
      reject(RejectReason.SATURATED, "every endpoint tried is busy: " + attempts.lastFailure());
    } else {
      fail(RejectReason.UPSTREAM_UNAVAILABLE, "no endpoint answered: " + attempts.lastFailure());
    }
  }

  private void retry() {
    gw.counters.retries.increment();
    nextAttempt();
  }

  // --- called by ResponseRelay ---

  /** The relayed response ended normally: frees the slot, then ends the client's response. */
  void relayEnded(Completion completion) {
    attempts.complete(completion);
    response.end();
    gw.counters.response(response.getStatusCode());
    finish();
  }

  /** The upstream response broke; {@code committed} says whether a byte reached the client. */
  void relayBroke(Throwable cause, boolean committed, long ttftNanos) {
    attempts.failed(cause, ttftNanos);
    if (!committed && attempts.canRetry(deadlineNanos)) {
      relay = null;
      retry();
    } else if (!committed) {
      fail(RejectReason.UPSTREAM_UNAVAILABLE, "no endpoint answered: " + attempts.lastFailure());
    } else {
      breakCommitted(RejectReason.UPSTREAM_STREAM_BROKEN, "the upstream response broke: " + attempts.lastFailure());
    }
  }

  // --- endings ---

  private void onDeadline() {
    deadlineTimer = -1;
    if (finished) {
      return;
    }
    gw.counters.upstreamTimeouts.increment();
    String message = "no complete response within " + gw.routes.timeout(route).toMillis() + " ms";
    ResponseRelay r = relay;
    cancelWait();
    if (attempts.current() != null) {
      cancelUpstream();
      attempts.completeAsGatewayFailure(r == null ? -1 : r.ttftNanos());
    }
    if (r != null && r.committed()) {
      breakCommitted(RejectReason.UPSTREAM_TIMEOUT, message);
    } else {
      fail(RejectReason.UPSTREAM_TIMEOUT, message);
    }
  }

  /** Ends a response whose first bytes were sent: an SSE error event, or a reset connection. */
  private void breakCommitted(RejectReason error, String message) {
    ResponseRelay r = relay;
    gw.counters.reject(error);
    gw.counters.streamErrors.increment();
    gw.counters.aborted.increment();
    gw.counters.response(response.getStatusCode());
    if (r != null && r.isEventStream()) {
      r.endWithError(error, message);
    } else {
      response.reset(); // a cut JSON body must not look complete: drop the stream or connection
    }
    finish();
  }

  private void clientGone() {
    if (finished) {
      return;
    }
    gw.counters.clientDisconnects.increment();
    gw.counters.aborted.increment();
    cancelWait();
    if (attempts.current() != null) {
      cancelUpstream();
      // Nothing is known of the endpoint: give its slot back without an outcome, so neither its
      // breaker nor its latency window learns from a request the client cut short.
      attempts.abandon();
    }
    finish();
  }

  /**
   * Resets the current upstream request. Its own failure callbacks, which the reset may run at
   * once, must not be taken for a failed attempt: the attempt number moves on first and the relay
   * is detached.
   */
  private void cancelUpstream() {
    HttpClientRequest u = attempts.invalidate();
    ResponseRelay r = relay;
    if (r != null) {
      r.detach();
    }
    if (u != null) {
      u.reset();
    }
  }

  private void reject(RejectReason reason, String message) {
    gw.counters.reject(reason);
    if (reason == RejectReason.SATURATED) {
      response.putHeader("retry-after", Integer.toString(gw.settings.retryAfterSeconds()));
    }
    response.putHeader(ForwardedHeaders.REJECT_REASON, reason.code());
    respond(reason.httpStatus(), OpenAiErrors.error(reason, message));
  }

  private void fail(RejectReason error, String message) {
    gw.counters.reject(error);
    response.headers().clear(); // a relay that failed over may have staged the upstream's headers
    respond(error.httpStatus(), OpenAiErrors.error(error, message));
  }

  private void respond(int status, String json) {
    if (!response.headWritten() && !response.closed()) {
      response.setStatusCode(status)
          .putHeader("content-type", "application/json")
          .putHeader(ForwardedHeaders.DECISION, decisionId)
          .end(json);
    }
    gw.counters.response(status);
    finish();
  }

  private void finish() {
    if (finished) {
      return;
    }
    if (attempts.current() != null) {
      cancelUpstream();
      attempts.abandon();
    }
    finished = true;
    if (deadlineTimer >= 0) {
      gw.vertx.cancelTimer(deadlineTimer);
    }
    cancelWait();
    attempts.releasePermit();
    gw.counters.active.decrementAndGet();
  }

  private static long millis(long nanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
  }
}
