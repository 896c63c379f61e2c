package io.inferoute.envoy.conformance;

import static io.inferoute.envoy.conformance.EnvoyEmulator.applyCommon;
import static io.inferoute.envoy.conformance.EnvoyEmulator.body;
import static io.inferoute.envoy.conformance.EnvoyEmulator.expect;
import static io.inferoute.envoy.conformance.EnvoyEmulator.headers;
import static io.inferoute.envoy.conformance.EnvoyEmulator.trailers;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse.ResponseCase;
import io.inferoute.envoy.conformance.EnvoyEmulator.Modes;
import io.inferoute.envoy.conformance.EnvoyEmulator.Result;
import io.inferoute.envoy.conformance.EnvoyEmulator.Upstream;
import io.inferoute.extproc.ExtProcStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response half of one {@link EnvoyEmulator} stream: the picked upstream's status, headers, body
 * and trailers sent as the filter's response modes say, with each answer checked and applied to
 * what the client receives.
 */
final class ResponsePhase {
  private final Modes modes;
  private final ExtProcStream s;
  private final Upstream up;
  private final Result r;

  ResponsePhase(Modes modes, ExtProcStream s, Upstream up, Result r) {
    this.modes = modes;
    this.s = s;
    this.up = up;
    this.r = r;
  }

  /** Sends the upstream response's messages and applies the answers to {@code r}. */
  void run() {
    r.downstreamStatus = up.status();
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":status", Integer.toString(up.status()));
    h.putAll(up.headers());
    if (up.reportServed()) {
      h.put("x-gateway-destination-endpoint-served", r.upstreamAddress);
    }
    boolean sendBody = modes.responseBody() != BodySendMode.NONE && !up.chunks().isEmpty();
    boolean sendTrailers = modes.responseTrailers() && up.trailers();
    boolean eos = up.chunks().isEmpty() && !up.trailers();
    if (modes.responseHeaders()) {
      s.send(headers(h, eos, false));
      ProcessingResponse a = expect(s, r, ResponseCase.RESPONSE_HEADERS);
      if (a == null) {
        return;
      }
      applyCommon(a.getResponseHeaders().getResponse(), h, r, false);
    }
    if (sendBody) {
      streamBody();
    } else {
      r.downstreamBody = ByteString.copyFromUtf8(String.join("", up.chunks()));
    }
    if (sendTrailers) {
      s.send(trailers(Map.of("x-trailer", "1"), false));
      expect(s, r, ResponseCase.RESPONSE_TRAILERS);
    }
  }

  private void streamBody() {
    List<String> chunks = up.chunks();
    boolean duplex = modes.responseBody() == BodySendMode.FULL_DUPLEX_STREAMED;
    ByteString out = ByteString.EMPTY;
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      s.send(body(ByteString.copyFromUtf8(chunks.get(i)), last && !up.trailers(), false));
      ProcessingResponse a = expect(s, r, ResponseCase.RESPONSE_BODY);
      if (a == null) {
        return;
      }
      CommonResponse c = a.getResponseBody().getResponse();
      EnvoyRules.checkBodyKind(c, modes.responseBody());
      out = out.concat(duplex ? c.getBodyMutation().getStreamedResponse().getBody()
          : ByteString.copyFromUtf8(chunks.get(i)));
    }
    r.downstreamBody = out;
  }
}
