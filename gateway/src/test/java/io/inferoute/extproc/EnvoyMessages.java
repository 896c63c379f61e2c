package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpTrailers;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** ProcessingRequests shaped as Envoy sends them: lower-case names, values in raw_value only. */
@NullMarked
public final class EnvoyMessages {
  private EnvoyMessages() {}

  /** A chat body for {@code model} with {@code prompt}. */
  public static String chat(String model, String prompt) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt + "\"}],\"stream\":true,\"max_tokens\":64}";
  }

  /** The headers of a POST to {@code /v1/chat/completions} plus {@code extra} name/value pairs. */
  public static Map<String, String> post(String... extra) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":method", "POST");
    h.put(":path", "/v1/chat/completions");
    h.put(":authority", "inference.example.com");
    h.put(":scheme", "http");
    h.put("content-type", "application/json");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      h.put(extra[i], extra[i + 1]);
    }
    return h;
  }

  public static HeaderMap headerMap(Map<String, String> headers) {
    HeaderMap.Builder m = HeaderMap.newBuilder();
    headers.forEach((k, v) -> m.addHeaders(HeaderValue.newBuilder().setKey(k)
        .setRawValue(ByteString.copyFromUtf8(v))));
    return m.build();
  }

  public static ProtocolConfiguration modes(BodySendMode request, BodySendMode response) {
    return ProtocolConfiguration.newBuilder().setRequestBodyMode(request)
        .setResponseBodyMode(response).build();
  }

  /** The first message of a stream: request headers and Envoy's protocol configuration. */
  public static ProcessingRequest requestHeaders(Map<String, String> headers, boolean eos,
      @Nullable ProtocolConfiguration modes) {
    ProcessingRequest.Builder b = ProcessingRequest.newBuilder().setRequestHeaders(
        HttpHeaders.newBuilder().setHeaders(headerMap(headers)).setEndOfStream(eos));
    if (modes != null) {
      b.setProtocolConfig(modes);
    }
    return b.build();
  }

  public static ProcessingRequest requestBody(String body, boolean eos) {
    return requestBody(ByteString.copyFromUtf8(body), eos);
  }

  public static ProcessingRequest requestBody(ByteString body, boolean eos) {
    return ProcessingRequest.newBuilder()
        .setRequestBody(HttpBody.newBuilder().setBody(body).setEndOfStream(eos)).build();
  }

  public static ProcessingRequest requestTrailers(Map<String, String> trailers) {
    return ProcessingRequest.newBuilder().setRequestTrailers(
        HttpTrailers.newBuilder().setTrailers(headerMap(trailers))).build();
  }

  public static ProcessingRequest responseHeaders(int status, boolean eos, String... extra) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":status", Integer.toString(status));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      h.put(extra[i], extra[i + 1]);
    }
    return ProcessingRequest.newBuilder().setResponseHeaders(
        HttpHeaders.newBuilder().setHeaders(headerMap(h)).setEndOfStream(eos)).build();
  }

  public static ProcessingRequest responseBody(String chunk, boolean eos) {
    return ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
        .setBody(ByteString.copyFrom(chunk, StandardCharsets.UTF_8)).setEndOfStream(eos)).build();
  }

  public static ProcessingRequest responseTrailers() {
    return ProcessingRequest.newBuilder().setResponseTrailers(HttpTrailers.newBuilder()
        .setTrailers(headerMap(Map.of("grpc-status", "0")))).build();
  }

  /** Adds the subset hint to {@code request}'s metadata context. */
  public static ProcessingRequest withSubset(ProcessingRequest request, String... addresses) {
    ListValue.Builder list = ListValue.newBuilder();
    for (String a : addresses) {
      list.addValues(Value.newBuilder().setStringValue(a));
    }
    Struct hint = Struct.newBuilder().putFields(SubsetHint.KEY,
        Value.newBuilder().setListValue(list).build()).build();
    return request.toBuilder().setMetadataContext(
        Metadata.newBuilder().putFilterMetadata(SubsetHint.NAMESPACE, hint)).build();
  }

  /** The value a header mutation sets for {@code name} (raw_value), or null. */
  public static @Nullable String setValue(HeaderMutation m, String name) {
    for (var h : m.getSetHeadersList()) {
      if (h.getHeader().getKey().equals(name)) {
        return h.getHeader().getRawValue().toStringUtf8();
      }
    }
    return null;
  }

  /** {@code envoy.lb → x-gateway-destination-endpoint} of a response's dynamic metadata, or null. */
  public static @Nullable String lbDestinations(Struct dynamicMetadata) {
    Value lb = dynamicMetadata.getFieldsMap().get("envoy.lb");
    if (lb == null) {
      return null;
    }
    Value v = lb.getStructValue().getFieldsMap().get("x-gateway-destination-endpoint");
    return v == null ? null : v.getStringValue();
  }
}
