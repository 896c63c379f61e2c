package io.inferoute.envoy.conformance;

import static io.inferoute.envoy.conformance.EnvoyRules.violation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse.ResponseCase;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.Status;
import io.inferoute.envoy.conformance.EnvoyRules.ProtocolViolation;
import io.inferoute.extproc.EnvoyMessages;
import io.inferoute.extproc.ExtProcStream;
import io.inferoute.extproc.PickerFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Plays Envoy's ext_proc filter against the real server, one {@code Process} stream per request,
 * with the message order, {@code end_of_stream} rules and answer checks of Envoy ≥ 1.34
 * (ProcessorState in {@code source/extensions/filters/http/ext_proc}).
 *
 * <p>Routing is emulated as in {@code envoy/config/envoy-bootstrap.yaml}: the route is chosen before
 * the filter runs (client routing headers already stripped, so "not placed" → 503) and chosen again
 * only when an answer clears the route cache together with a header mutation; the ORIGINAL_DST
 * cluster then connects to {@code x-gateway-destination-endpoint}.
 */
final class EnvoyEmulator {
  private static final String DESTINATION = "x-gateway-destination-endpoint";

  private final PickerFixture fixture;
  private final Modes modes;

  EnvoyEmulator(PickerFixture fixture, Modes modes) {
    this.fixture = fixture;
    this.modes = modes;
  }

  /** The filter's {@code processing_mode}, plus {@code send_body_without_waiting_for_header_response}. */
  record Modes(boolean requestHeaders, BodySendMode requestBody, boolean requestTrailers,
      boolean responseHeaders, BodySendMode responseBody, boolean responseTrailers,
      boolean bodyWithoutWaiting) {
    /** {@code envoy-bootstrap.yaml}. */
    static Modes standalone() {
      return new Modes(true, BodySendMode.FULL_DUPLEX_STREAMED, true, true, BodySendMode.STREAMED,
          false, false);
    }

    /** {@code envoy-bootstrap-pool-mode.yaml} and the EnvoyFilter. */
    static Modes buffered() {
      return new Modes(true, BodySendMode.BUFFERED, false, true, BodySendMode.STREAMED, false,
          false);
    }

    /** What Istio generates for an InferencePool: full duplex both ways, trailers sent. */
    static Modes inferencePool() {
      return new Modes(true, BodySendMode.FULL_DUPLEX_STREAMED, true, true,
          BodySendMode.FULL_DUPLEX_STREAMED, true, false);
    }

    Modes withRequestBody(BodySendMode mode) {
      return new Modes(requestHeaders, mode, requestTrailers, responseHeaders, responseBody,
          responseTrailers, bodyWithoutWaiting);
    }

    Modes withResponse(boolean headers, BodySendMode body, boolean trailers) {
      return new Modes(requestHeaders, requestBody, requestTrailers, headers, body, trailers,
          bodyWithoutWaiting);
    }

    Modes withRequestHeaders(boolean send) {
      return new Modes(send, requestBody, requestTrailers, responseHeaders, responseBody,
          responseTrailers, bodyWithoutWaiting);
    }

    Modes withBodyWithoutWaiting() {
      return new Modes(requestHeaders, requestBody, requestTrailers, responseHeaders, responseBody,
          responseTrailers, true);
    }

    ProtocolConfiguration protocolConfig() {
      return ProtocolConfiguration.newBuilder().setRequestBodyMode(requestBody)
          .setResponseBodyMode(responseBody)
          .setSendBodyWithoutWaitingForHeaderResponse(bodyWithoutWaiting).build();
    }
  }

  /** The downstream request: headers, body chunks as they arrive, optional trailers. */
  record Request(Map<String, String> headers, List<ByteString> chunks,
      @Nullable Map<String, String> trailers, @Nullable Metadata metadata) {
    static Request of(Map<String, String> headers, String... chunks) {
      List<ByteString> list = new ArrayList<>();
      for (String c : chunks) {
        list.add(ByteString.copyFromUtf8(c));
      }
      return new Request(headers, list, null, null);
    }

    Request withTrailers(Map<String, String> trailers) {
      return new Request(headers, chunks, trailers, metadata);
    }

    Request withMetadata(Metadata metadata) {
      return new Request(headers, chunks, trailers, metadata);
    }

    ByteString body() {
      return ByteString.copyFrom(chunks);
    }
  }

  /** What the picked upstream answers. */
  record Upstream(int status, Map<String, String> headers, List<String> chunks, boolean trailers,
      boolean reportServed) {
    static Upstream ok(String... chunks) {
      return new Upstream(200, Map.of("content-type", "text/event-stream"), List.of(chunks),
          false, false);
    }

    Upstream withStatus(int status) {
      return new Upstream(status, headers, chunks, trailers, reportServed);
    }

    Upstream withTrailers() {
      return new Upstream(status, headers, chunks, true, reportServed);
    }

    Upstream reportingServed() {
      return new Upstream(status, headers, chunks, trailers, true);
    }
  }

  /** Everything Envoy would have done with one request. */
  static final class Result {
    @Nullable ImmediateResponse localReply;
    int downstreamStatus;
    final Map<String, String> upstreamHeaders = new LinkedHashMap<>();
    ByteString upstreamBody = ByteString.EMPTY;
    ByteString downstreamBody = ByteString.EMPTY;
    @Nullable String upstreamAddress;
    boolean routeCacheCleared;
    Struct lbMetadata = Struct.getDefaultInstance();
    @Nullable String violation;
    Status streamStatus = Status.UNKNOWN;
    int answers;

    @Nullable String lbDestinations() {
      var v = lbMetadata.getFieldsMap().get(DESTINATION);
      return v == null ? null : v.getStringValue();
    }

    @Override
    public String toString() {
      return "Result{status=" + downstreamStatus + ", upstream=" + upstreamAddress + ", violation="
          + violation + ", local=" + (localReply == null ? null : localReply.getStatus())
          + ", stream=" + streamStatus + "}";
    }
  }

  /** Proxies one request through the filter and the emulated router. */
  Result run(Request request, Upstream upstream) {
    ExtProcStream s = fixture.open();
    Result r = new Result();
    r.upstreamHeaders.putAll(request.headers());
    // header_mutation in front of ext_proc strips these, so the first route pick is "not placed".
    r.upstreamHeaders.remove(DESTINATION);
    r.upstreamHeaders.remove("x-inferoute-pool");
    try {
      new RequestPhase(modes, s, request, r).run();
      if (r.localReply == null) {
        route(r);
        if (r.upstreamAddress != null) {
          new ResponsePhase(modes, s, upstream, r).run();
        }
      }
    } catch (ProtocolViolation v) {
      r.violation = v.getMessage();
      r.downstreamStatus = 500; // failure_mode_allow: false
    }
    s.halfClose();
    r.streamStatus = s.awaitClose();
    if (r.violation == null && s.pending() > 0) {
      r.violation = "spurious message: " + s.pending() + " answer(s) nobody asked for";
    }
    s.reset();
    return r;
  }

  private void route(Result r) {
    String destination = r.routeCacheCleared ? r.upstreamHeaders.get(DESTINATION) : null;
    if (destination == null) {
      r.downstreamStatus = 503; // the bootstrap's not_placed direct_response
      return;
    }
    r.upstreamAddress = destination;
  }

  /** Takes the next answer, which must be {@code expected} or an immediate response. */
  static @Nullable ProcessingResponse expect(ExtProcStream s, Result r, ResponseCase expected) {
    ProcessingResponse answer = s.nextOrClosed();
    if (answer == null) {
      throw violation("the side stream closed (" + s.awaitClose() + ") instead of answering "
          + expected);
    }
    r.answers++;
    if (answer.hasDynamicMetadata()) {
      // metadata_options.receiving_namespaces.untyped: [envoy.lb]; anything else is dropped.
      var lb = answer.getDynamicMetadata().getFieldsMap().get("envoy.lb");
      if (lb != null) {
        r.lbMetadata = lb.getStructValue();
      }
    }
    if (answer.hasImmediateResponse()) {
      ImmediateResponse i = answer.getImmediateResponse();
      EnvoyRules.apply(i.getHeaders(), new LinkedHashMap<>());
      r.localReply = i;
      int code = i.getStatus().getCodeValue();
      r.downstreamStatus = code < 200 ? 500 : code; // Envoy's rule for invalid statuses
      r.downstreamBody = i.getBody();
      return null;
    }
    if (answer.getResponseCase() != expected) {
      throw violation("spurious message: " + answer.getResponseCase() + " while waiting for "
          + expected);
    }
    return answer;
  }

  static void applyCommon(CommonResponse c, Map<String, String> headers, Result r,
      boolean request) {
    if (c.hasHeaderMutation()) {
      EnvoyRules.apply(c.getHeaderMutation(), headers);
      if (request && c.getClearRouteCache()) {
        r.routeCacheCleared = true; // only honoured together with a header mutation
      }
    }
  }

  static ProcessingRequest body(ByteString chunk, boolean eos, boolean request) {
    HttpBody b = HttpBody.newBuilder().setBody(chunk).setEndOfStream(eos).build();
    return request ? ProcessingRequest.newBuilder().setRequestBody(b).build()
        : ProcessingRequest.newBuilder().setResponseBody(b).build();
  }

  Modes modes() {
    return modes;
  }

  static ProcessingRequest headers(Map<String, String> h, boolean eos, boolean request) {
    var hh = io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders.newBuilder()
        .setHeaders(EnvoyMessages.headerMap(h)).setEndOfStream(eos);
    return request ? ProcessingRequest.newBuilder().setRequestHeaders(hh).build()
        : ProcessingRequest.newBuilder().setResponseHeaders(hh).build();
  }

  static ProcessingRequest trailers(Map<String, String> t, boolean request) {
    var tt = io.envoyproxy.envoy.service.ext_proc.v3.HttpTrailers.newBuilder()
        .setTrailers(EnvoyMessages.headerMap(t));
    return request ? ProcessingRequest.newBuilder().setRequestTrailers(tt).build()
        : ProcessingRequest.newBuilder().setResponseTrailers(tt).build();
  }
}
