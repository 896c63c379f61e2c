package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.inferoute.extproc.Placer.Placed;
import io.inferoute.request.MalformedBodyException;
import io.inferoute.routing.RejectReason;
import io.inferoute.routing.RoutingRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state machine of one {@code Process} stream, i.e. of one HTTP request proxied by Envoy.
 *
 * <p>Every message gets exactly one answer, in order, except in {@code FULL_DUPLEX_STREAMED}, where
 * Envoy expects the request-headers answer first and accepts the body back in fewer, larger
 * chunks: there the decision waits for the whole body (bounded by the limit), then the header
 * answer and the body go back together. {@code BUFFERED} places on the one body message (Envoy
 * still holds the headers, so the body answer may mutate them); {@code STREAMED} places on the body
 * only when Envoy sends it without waiting for the header answer, and otherwise from the headers.
 * A message that cannot come in the current state fails this stream with INVALID_ARGUMENT.
 *
 * <p>gRPC delivers one call's messages one at a time and this class answers only from within those
 * callbacks, so its fields need no synchronisation and writes to Envoy are serialised.
 */
final class ProcessStream implements StreamObserver<ProcessingRequest> {
  private enum Phase { START, REQUEST_BODY, REQUEST_DONE, RESPONSE_BODY, DONE, REJECTED, FAILED }

  private final EndpointPicker picker;
  private final StreamObserver<ProcessingResponse> out;
  private Phase phase = Phase.START;
  private boolean configured;
  private BodySendMode requestBodyMode;
  private BodySendMode responseBodyMode = BodySendMode.STREAMED;
  private boolean bodyWithoutWaiting;
  private EnvoyHeaders requestHeaders = EnvoyHeaders.EMPTY;
  private @Nullable Set<String> subset;
  private @Nullable BodyBuffer held;
  private int heldChunks;
  private boolean bodyAnswered;
  private @Nullable Attempt attempt;
  private long decidedAt = -1;
  private boolean placed;
  private boolean ended;

  ProcessStream(EndpointPicker picker, StreamObserver<ProcessingResponse> out) {
    this.picker = picker;
    this.out = out;
    this.requestBodyMode = picker.settings().assumedRequestBodyMode();
  }

  @Override
  public void onNext(ProcessingRequest request) {
    if (phase == Phase.FAILED) {
      return;
    }
    try {
      configure(request);
      dispatch(request);
    } catch (RuntimeException e) {
      fail(Status.INTERNAL.withDescription("ext_proc: " + e).withCause(e));
    }
  }

  private void dispatch(ProcessingRequest request) {
    switch (request.getRequestCase()) {
      case REQUEST_HEADERS -> onRequestHeaders(request.getRequestHeaders());
      case REQUEST_BODY -> onRequestBody(request.getRequestBody());
      case REQUEST_TRAILERS -> onRequestTrailers();
      case RESPONSE_HEADERS -> onResponseHeaders(request.getResponseHeaders());
      case RESPONSE_BODY -> onResponseBody(request.getResponseBody());
      case RESPONSE_TRAILERS -> onResponseTrailers();
      default -> protocolError("a ProcessingRequest without request_headers, request_body,"
          + " request_trailers, response_headers, response_body or response_trailers");
    }
  }

  /** Reads Envoy's modes (first message only) and the subset hint (whenever present). */
  private void configure(ProcessingRequest request) {
    if (!configured && request.hasProtocolConfig()) {
      var config = request.getProtocolConfig();
      requestBodyMode = config.getRequestBodyMode();
      responseBodyMode = config.getResponseBodyMode();
      bodyWithoutWaiting = config.getSendBodyWithoutWaitingForHeaderResponse();
    }
    configured = true;
    if (!request.hasMetadataContext()) {
      return; // the common case: no protobuf map lookup per message
    }
    Struct hint = request.getMetadataContext().getFilterMetadataMap()
        .get(SubsetHint.NAMESPACE);
    if (hint != null && hint.containsFields(SubsetHint.KEY)) {
      subset = SubsetHint.addresses(hint.getFieldsOrThrow(SubsetHint.KEY));
    }
  }

  private void onRequestHeaders(HttpHeaders headers) {
    if (phase != Phase.START) {
      protocolError("request_headers more than once");
      return;
    }
    requestHeaders = EnvoyHeaders.of(headers.getHeaders());
    if (headers.getEndOfStream()) {
      phase = Phase.REQUEST_DONE; // GET, or a POST without a body: route from headers
      placeFromHeaders(true);
      return;
    }
    phase = Phase.REQUEST_BODY;
    switch (requestBodyMode) {
      case BUFFERED, BUFFERED_PARTIAL -> send(picker.placer().stripOnly(requestHeaders));
      case FULL_DUPLEX_STREAMED -> held = new BodyBuffer(picker.settings().bodyLimitBytes());
      case STREAMED -> {
        if (bodyWithoutWaiting) {
          held = new BodyBuffer(picker.settings().bodyLimitBytes());
        } else {
          placeFromHeaders(true); // Envoy waits for this answer before it sends any body
        }
      }
      default -> placeFromHeaders(true); // NONE: the body never comes
    }
  }

  private void onRequestBody(HttpBody body) {
    if (phase == Phase.REJECTED) {
      return; // already in flight when Envoy got our immediate response; it wants no answer
    }
    if (phase == Phase.START) {
      phase = Phase.REQUEST_BODY; // request headers are SKIPped in this filter's config
    }
    if (phase != Phase.REQUEST_BODY) {
      protocolError("request_body after the request ended");
      return;
    }
    switch (requestBodyMode) {
      case BUFFERED, BUFFERED_PARTIAL -> onBufferedBody(body);
      case STREAMED, FULL_DUPLEX_STREAMED -> onStreamedBody(body);
      default -> protocolError("request_body while the request body mode is "
          + requestBodyMode);
    }
  }

  private void onBufferedBody(HttpBody body) {
    if (bodyAnswered) {
      protocolError("a second request_body in " + requestBodyMode + " mode");
      return;
    }
    bodyAnswered = true;
    if (body.getEndOfStream()) {
      phase = Phase.REQUEST_DONE;
    }
    if (body.getBody().size() > picker.settings().bodyLimitBytes()) {
      reject(RejectReason.BODY_TOO_LARGE, tooLarge(body.getBody().size()));
      return;
    }
    // An empty body (POST without content) carries nothing to route on: use the headers.
    RoutingRequest request = body.getBody().isEmpty() ? headersRequest() : fromBody(body.getBody(),
        requestBodyMode == BodySendMode.BUFFERED_PARTIAL && !body.getEndOfStream());
    if (request != null) {
      answerPlacement(picker.placer().place(request, requestHeaders, -1), false);
    }
  }

  private void onStreamedBody(HttpBody body) {
    BodyBuffer buffer = held;
    if (buffer == null) { // STREAMED, already placed from headers: only observe
      send(Answers.EMPTY_REQUEST_BODY);
      if (body.getEndOfStream()) {
        phase = Phase.REQUEST_DONE;
      }
      return;
    }
    heldChunks++;
    if (!buffer.add(body.getBody())) {
      reject(RejectReason.BODY_TOO_LARGE, tooLarge(buffer.size()));
      return;
    }
    if (body.getEndOfStream()) {
      phase = Phase.REQUEST_DONE;
      releaseHeld(false);
    }
  }

  private void onRequestTrailers() {
    if (phase == Phase.REJECTED) {
      return;
    }
    if (phase != Phase.REQUEST_BODY && phase != Phase.START) {
      protocolError("request_trailers after the request ended");
      return;
    }
    phase = Phase.REQUEST_DONE;
    if (held != null) {
      releaseHeld(true);
    } else {
      send(Answers.EMPTY_REQUEST_TRAILERS);
    }
  }

  /** The held body is complete: place on it, then answer headers, body and trailers in order. */
  private void releaseHeld(boolean trailers) {
    BodyBuffer buffer = held;
    held = null;
    ByteString content = buffer == null ? ByteString.EMPTY : buffer.content();
    boolean duplex = requestBodyMode == BodySendMode.FULL_DUPLEX_STREAMED;
    RoutingRequest request = content.isEmpty() ? headersRequest() : fromBody(content, false);
    if (request == null) {
      return;
    }
    Placed placed = picker.placer().place(request, requestHeaders, duplex ? content.size() : -1);
    if (!answerPlacement(placed, true)) {
      return;
    }
    if (duplex) {
      send(Answers.streamedRequestBody(content, !trailers));
    } else {
      for (int i = 0; i < heldChunks; i++) {
        send(Answers.EMPTY_REQUEST_BODY);
      }
    }
    if (trailers) {
      send(Answers.EMPTY_REQUEST_TRAILERS);
    }
  }

  private void onResponseHeaders(HttpHeaders headers) {
    if (phase == Phase.REQUEST_BODY && !placed || phase.compareTo(Phase.REQUEST_DONE) > 0) {
      protocolError("response_headers " + (phase == Phase.REQUEST_BODY
          ? "before the request was placed" : "after the response started or the stream ended"));
      return;
    }
    EnvoyHeaders response = EnvoyHeaders.of(headers.getHeaders());
    long now = picker.ticker().read();
    watch(response.unchecked(EnvoyHeaders.SERVED), now);
    if (attempt != null) {
      attempt.responseHeaders(status(response), now);
    }
    send(Answers.EMPTY_RESPONSE_HEADERS);
    phase = Phase.RESPONSE_BODY;
    if (headers.getEndOfStream()) {
      finish(now);
    }
  }

  private void onResponseBody(HttpBody body) {
    if (phase == Phase.DONE || phase == Phase.REJECTED
        || phase == Phase.REQUEST_BODY && !placed) {
      protocolError("response_body " + (phase == Phase.DONE ? "after the response ended"
          : "before the request was answered"));
      return;
    }
    phase = Phase.RESPONSE_BODY; // response headers may be SKIPped
    long now = picker.ticker().read();
    if (attempt != null) {
      attempt.responseChunk(body.getBody(), now);
    }
    send(responseBodyMode == BodySendMode.FULL_DUPLEX_STREAMED
        ? Answers.streamedResponseBody(body.getBody(), body.getEndOfStream())
        : Answers.EMPTY_RESPONSE_BODY);
    if (body.getEndOfStream()) {
      finish(now);
    }
  }

  private void onResponseTrailers() {
    if (phase == Phase.DONE || phase == Phase.REJECTED || phase == Phase.START
        || phase == Phase.REQUEST_BODY) {
      protocolError("response_trailers " + (phase == Phase.DONE || phase == Phase.REJECTED
          ? "after the stream ended" : "before the response started"));
      return;
    }
    send(Answers.EMPTY_RESPONSE_TRAILERS);
    finish(picker.ticker().read());
  }

  /** Attributes the response to the endpoint Envoy says served it, if it says. */
  private void watch(@Nullable String served, long now) {
    if (served == null || served.isEmpty()) {
      return;
    }
    var endpoint = picker.engine().fleet().byAddress(served.trim());
    if (endpoint == null) {
      return;
    }
    if (attempt == null) {
      // Pool mode: Envoy chose the endpoint; count it from the decision on.
      if (decidedAt >= 0 && picker.engine().dispatched(endpoint)) {
        attempt = new Attempt(picker.engine(), endpoint, decidedAt);
      }
    } else if (!attempt.movedTo(endpoint)) {
      attempt = null;
    }
  }

  private void finish(long now) {
    phase = Phase.DONE;
    if (attempt != null) {
      attempt.complete(now);
    }
  }

  private void placeFromHeaders(boolean headersAnswer) {
    RoutingRequest request = headersRequest();
    if (request != null) {
      answerPlacement(picker.placer().place(request, requestHeaders, -1), headersAnswer);
    }
  }

  private @Nullable RoutingRequest headersRequest() {
    try {
      return picker.reader().fromHeaders(requestHeaders, subset);
    } catch (MalformedBodyException e) {
      reject(RejectReason.MALFORMED_REQUEST, e.getMessage());
      return null;
    }
  }

  private @Nullable RoutingRequest fromBody(ByteString body, boolean partial) {
    try {
      return picker.reader().fromBody(requestHeaders, body, subset);
    } catch (MalformedBodyException e) {
      if (partial) {
        return headersRequest(); // BUFFERED_PARTIAL cut the JSON short: route on headers
      }
      reject(RejectReason.MALFORMED_REQUEST, e.getMessage());
      return null;
    }
  }

  /** Sends a placement as the answer to request headers or to the buffered body. */
  private boolean answerPlacement(Placed placed, boolean headersAnswer) {
    if (placed.rejection() != null) {
      phase = Phase.REJECTED;
      send(placed.rejection());
      return false;
    }
    this.placed = true;
    attempt = placed.attempt();
    decidedAt = placed.decidedAt();
    ProcessingResponse.Builder b = ProcessingResponse.newBuilder();
    if (headersAnswer) {
      b.setRequestHeaders(
          HeadersResponse.newBuilder()
              .setResponse(placed.common()));
    } else {
      b.setRequestBody(BodyResponse.newBuilder()
          .setResponse(placed.common()));
    }
    if (placed.metadata() != null) {
      b.setDynamicMetadata(placed.metadata());
    }
    send(b.build());
    return true;
  }

  private void reject(RejectReason reason, String message) {
    phase = Phase.REJECTED;
    if (held != null) {
      held.clear();
      held = null;
    }
    send(Answers.reject(reason, message));
  }

  private String tooLarge(long size) {
    return "request body: " + size + " bytes or more (expected: at most "
        + picker.settings().bodyLimitBytes() + " bytes)";
  }

  private static int status(EnvoyHeaders response) {
    String s = response.unchecked(":status");
    try {
      return s == null ? 200 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 200;
    }
  }

  private void send(ProcessingResponse response) {
    out.onNext(response);
  }

  private void protocolError(String what) {
    fail(Status.INVALID_ARGUMENT.withDescription("ext_proc protocol error: " + what
        + " (stream state: " + phase + ", request body mode: " + requestBodyMode + ")"));
  }

  private void fail(Status status) {
    phase = Phase.FAILED;
    release();
    out.onError(status.asRuntimeException());
  }

  /** Envoy half-closed: the request is over from its side. */
  @Override
  public void onCompleted() {
    if (phase == Phase.FAILED) {
      return;
    }
    release();
    phase = Phase.DONE;
    out.onCompleted();
  }

  /** Envoy reset the stream (CANCELLED is how it normally ends one) or the transport failed. */
  @Override
  public void onError(Throwable t) {
    release();
    phase = Phase.FAILED;
  }

  private void release() {
    if (ended) {
      return;
    }
    ended = true;
    if (attempt != null) {
      attempt.abandon(picker.ticker().read());
    }
    if (held != null) {
      held.clear();
      held = null;
    }
    picker.streamEnded(this);
  }
}
