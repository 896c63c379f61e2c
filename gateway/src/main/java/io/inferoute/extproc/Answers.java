package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.inferoute.routing.RejectReason;
import java.nio.charset.StandardCharsets;

/**
 * Builds the messages Inferoute sends back to Envoy.
 *
 * <p>Header values go out in {@code raw_value} only: Envoy answers 500 when both {@code value} and
 * {@code raw_value} are set. Every set overwrites, so a client-supplied copy cannot survive.
 */
final class Answers {
  /** The {@code envoy.lb} metadata namespace the Endpoint Picker Protocol uses. */
  static final String LB_NAMESPACE = "envoy.lb";
  /** Retry-After sent with 429: long enough for in-flight generations to free a slot. */
  static final String RETRY_AFTER_SECONDS = "1";

  static final ProcessingResponse EMPTY_REQUEST_HEADERS = ProcessingResponse.newBuilder()
      .setRequestHeaders(HeadersResponse.getDefaultInstance()).build();
  static final ProcessingResponse EMPTY_RESPONSE_HEADERS = ProcessingResponse.newBuilder()
      .setResponseHeaders(HeadersResponse.getDefaultInstance()).build();
  static final ProcessingResponse EMPTY_REQUEST_BODY = ProcessingResponse.newBuilder()
      .setRequestBody(BodyResponse.getDefaultInstance()).build();
  static final ProcessingResponse EMPTY_RESPONSE_BODY = ProcessingResponse.newBuilder()
      .setResponseBody(BodyResponse.getDefaultInstance()).build();
  static final ProcessingResponse EMPTY_REQUEST_TRAILERS = ProcessingResponse.newBuilder()
      .setRequestTrailers(TrailersResponse.getDefaultInstance()).build();
  static final ProcessingResponse EMPTY_RESPONSE_TRAILERS = ProcessingResponse.newBuilder()
      .setResponseTrailers(TrailersResponse.getDefaultInstance()).build();

  private Answers() {}

  /** One header set, overwriting any existing value, value in raw_value only. */
  static HeaderValueOption set(String name, String value) {
    return HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(name)
            .setRawValue(ByteString.copyFromUtf8(value)))
        .setAppendAction(HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
        .build();
  }

  /** {@code envoy.lb → {x-gateway-destination-endpoint: destinations}}. */
  static Struct lbMetadata(String destinations) {
    Struct lb = Struct.newBuilder().putFields(EnvoyHeaders.DESTINATION,
        Value.newBuilder().setStringValue(destinations).build()).build();
    return Struct.newBuilder()
        .putFields(LB_NAMESPACE, Value.newBuilder().setStructValue(lb).build()).build();
  }

  /** A request-headers answer carrying {@code common}. */
  static ProcessingResponse requestHeaders(CommonResponse common) {
    return ProcessingResponse.newBuilder()
        .setRequestHeaders(HeadersResponse.newBuilder().setResponse(common)).build();
  }

  /** A request-body answer carrying {@code common}. */
  static ProcessingResponse requestBody(CommonResponse common) {
    return ProcessingResponse.newBuilder()
        .setRequestBody(BodyResponse.newBuilder().setResponse(common)).build();
  }

  /** A full-duplex body chunk going back to Envoy unchanged (no copy: the ByteString is shared). */
  static ProcessingResponse streamedRequestBody(ByteString body, boolean endOfStream) {
    return streamed(body, endOfStream, true);
  }

  /** A full-duplex response body chunk echoed unchanged. */
  static ProcessingResponse streamedResponseBody(ByteString body, boolean endOfStream) {
    return streamed(body, endOfStream, false);
  }

  private static ProcessingResponse streamed(ByteString body, boolean eos, boolean request) {
    BodyResponse response = BodyResponse.newBuilder().setResponse(CommonResponse.newBuilder()
        .setBodyMutation(BodyMutation.newBuilder().setStreamedResponse(
            StreamedBodyResponse.newBuilder().setBody(body).setEndOfStream(eos)))).build();
    ProcessingResponse.Builder b = ProcessingResponse.newBuilder();
    return (request ? b.setRequestBody(response) : b.setResponseBody(response)).build();
  }

  /** The error Envoy returns to the client in place of proxying the request. */
  static ProcessingResponse reject(RejectReason reason, String message) {
    HeaderMutation.Builder headers = HeaderMutation.newBuilder()
        .addSetHeaders(set("content-type", "application/json"))
        .addSetHeaders(set("x-inferoute-reject-reason", reason.code()));
    if (reason == RejectReason.SATURATED) {
      headers.addSetHeaders(set("retry-after", RETRY_AFTER_SECONDS));
    }
    ImmediateResponse immediate = ImmediateResponse.newBuilder()
        .setStatus(HttpStatus.newBuilder().setCode(statusCode(reason.httpStatus())))
        .setHeaders(headers)
        .setBody(ByteString.copyFrom(errorBody(reason, message), StandardCharsets.UTF_8))
        .setDetails("inferoute_" + reason.code())
        .build();
    return ProcessingResponse.newBuilder().setImmediateResponse(immediate).build();
  }

  /** {@code {"error":{"message":…,"type":…,"param":null,"code":…}}}, as OpenAI's API answers. */
  static String errorBody(RejectReason reason, String message) {
    return io.inferoute.openai.OpenAiBodies.error(message, reason.errorType(), reason.code());
  }

  private static StatusCode statusCode(int status) {
    StatusCode code = StatusCode.forNumber(status);
    return code == null ? StatusCode.InternalServerError : code;
  }
}
