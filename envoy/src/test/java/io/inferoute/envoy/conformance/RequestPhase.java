package io.inferoute.envoy.conformance;

import static io.inferoute.envoy.conformance.EnvoyEmulator.applyCommon;
import static io.inferoute.envoy.conformance.EnvoyEmulator.body;
import static io.inferoute.envoy.conformance.EnvoyEmulator.expect;
import static io.inferoute.envoy.conformance.EnvoyEmulator.headers;
import static io.inferoute.envoy.conformance.EnvoyEmulator.trailers;
import static io.inferoute.envoy.conformance.EnvoyRules.violation;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse.ResponseCase;
import io.inferoute.envoy.conformance.EnvoyEmulator.Modes;
import io.inferoute.envoy.conformance.EnvoyEmulator.Request;
import io.inferoute.envoy.conformance.EnvoyEmulator.Result;
import io.inferoute.extproc.ExtProcStream;
import java.util.List;

/**
 * The request half of one {@link EnvoyEmulator} stream: the downstream request's headers, body and
 * trailers sent as the filter's request modes say (FULL_DUPLEX_STREAMED, BUFFERED, STREAMED or
 * none), in Envoy's order, with each answer checked and applied to the upstream request.
 */
final class RequestPhase {
  private final Modes modes;
  private final ExtProcStream s;
  private final Request req;
  private final Result r;
  private boolean first = true;

  RequestPhase(Modes modes, ExtProcStream s, Request req, Result r) {
    this.modes = modes;
    this.s = s;
    this.req = req;
    this.r = r;
  }

  private void send(ProcessingRequest m) {
    ProcessingRequest.Builder b = m.toBuilder();
    if (first) {
      b.setProtocolConfig(modes.protocolConfig()); // Envoy encodes it on the first message
      first = false;
    }
    if (req.metadata() != null) {
      b.setMetadataContext(req.metadata());
    }
    s.send(b.build());
  }

  /** Sends the request's messages and applies the answers to {@code r}; a local reply ends it early. */
  void run() {
    boolean hasBody = !req.chunks().isEmpty();
    boolean hasTrailers = req.trailers() != null;
    boolean headersEos = !hasBody && !hasTrailers;
    if (headersEos) {
      if (modes.requestHeaders()) {
        send(headers(req.headers(), true, true));
        headersAnswer();
      }
      return;
    }
    switch (modes.requestBody()) {
      case FULL_DUPLEX_STREAMED -> fullDuplex(hasTrailers);
      case BUFFERED -> buffered(hasTrailers);
      case STREAMED -> streamed(hasTrailers);
      default -> {
        headersIfSent(true);
        r.upstreamBody = req.body();
        trailersIfSent(hasTrailers);
      }
    }
  }

  private void headersIfSent(boolean await) {
    if (modes.requestHeaders()) {
      send(headers(req.headers(), false, true));
      if (await) {
        headersAnswer();
      }
    }
  }

  private boolean headersAnswer() {
    ProcessingResponse a = expect(s, r, ResponseCase.REQUEST_HEADERS);
    if (a == null) {
      return false;
    }
    CommonResponse c = a.getRequestHeaders().getResponse();
    if (c.hasBodyMutation()) {
      throw violation("body mutation in a request-headers answer without CONTINUE_AND_REPLACE");
    }
    applyCommon(c, r.upstreamHeaders, r, true);
    return true;
  }

  private void fullDuplex(boolean hasTrailers) {
    if (!modes.requestTrailers()) {
      throw new IllegalStateException("FULL_DUPLEX_STREAMED needs request_trailer_mode SEND");
    }
    headersIfSent(false);
    List<ByteString> chunks = req.chunks();
    for (int i = 0; i < chunks.size(); i++) {
      send(body(chunks.get(i), !hasTrailers && i == chunks.size() - 1, true));
    }
    if (hasTrailers) {
      send(trailers(req.trailers(), true));
    }
    if (modes.requestHeaders() && !headersAnswer()) {
      return;
    }
    ByteString body = ByteString.EMPTY;
    while (true) {
      ProcessingResponse a = s.nextOrClosed();
      if (a == null) {
        throw violation("side stream closed during the full-duplex body");
      }
      r.answers++;
      if (a.hasImmediateResponse()) {
        r.localReply = a.getImmediateResponse();
        r.downstreamStatus = r.localReply.getStatus().getCodeValue();
        return;
      }
      if (hasTrailers && a.hasRequestTrailers()) {
        break;
      }
      if (!a.hasRequestBody()) {
        throw violation("spurious message: " + a.getResponseCase() + " in the full-duplex body");
      }
      CommonResponse c = a.getRequestBody().getResponse();
      EnvoyRules.checkBodyKind(c, BodySendMode.FULL_DUPLEX_STREAMED);
      var streamed = c.getBodyMutation().getStreamedResponse();
      body = body.concat(streamed.getBody());
      if (streamed.getEndOfStream()) {
        if (hasTrailers) {
          throw violation("body ended before the trailers it was sent with were answered");
        }
        break;
      }
    }
    r.upstreamBody = body;
  }

  private void buffered(boolean hasTrailers) {
    headersIfSent(false);
    if (modes.requestHeaders() && !headersAnswer()) {
      return;
    }
    send(body(req.body(), !hasTrailers, true));
    ProcessingResponse a = expect(s, r, ResponseCase.REQUEST_BODY);
    if (a == null) {
      return;
    }
    CommonResponse c = a.getRequestBody().getResponse();
    EnvoyRules.checkBodyKind(c, BodySendMode.BUFFERED);
    applyCommon(c, r.upstreamHeaders, r, true); // headers are still held in BUFFERED mode
    r.upstreamBody = req.body();
    if (c.hasBodyMutation()) {
      ByteString replaced = c.getBodyMutation().getBody();
      String length = r.upstreamHeaders.get("content-length");
      if (length != null && Long.parseLong(length) != replaced.size()) {
        throw violation("mismatch between content length and the length of the mutated body");
      }
      r.upstreamBody = replaced;
    }
    trailersIfSent(hasTrailers);
  }

  private void streamed(boolean hasTrailers) {
    boolean wait = !modes.bodyWithoutWaiting();
    headersIfSent(wait);
    List<ByteString> chunks = req.chunks();
    for (int i = 0; i < chunks.size(); i++) {
      send(body(chunks.get(i), !hasTrailers && i == chunks.size() - 1, true));
    }
    if (!wait && modes.requestHeaders() && !headersAnswer()) {
      return;
    }
    ByteString body = ByteString.EMPTY;
    for (ByteString chunk : chunks) {
      ProcessingResponse a = expect(s, r, ResponseCase.REQUEST_BODY);
      if (a == null) {
        return;
      }
      CommonResponse c = a.getRequestBody().getResponse();
      EnvoyRules.checkBodyKind(c, BodySendMode.STREAMED);
      // Headers went upstream with the header answer: mutations here are ignored, as in Envoy.
      body = body.concat(c.hasBodyMutation() ? c.getBodyMutation().getBody() : chunk);
    }
    r.upstreamBody = body;
    trailersIfSent(hasTrailers);
  }

  private void trailersIfSent(boolean hasTrailers) {
    if (hasTrailers && modes.requestTrailers()) {
      send(trailers(req.trailers(), true));
      expect(s, r, ResponseCase.REQUEST_TRAILERS);
    }
  }
}
