package io.inferoute.envoy.conformance;

import static io.inferoute.extproc.EnvoyMessages.chat;
import static io.inferoute.extproc.EnvoyMessages.post;
import static io.inferoute.extproc.PickerFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.grpc.Status;
import io.inferoute.envoy.conformance.EnvoyEmulator.Modes;
import io.inferoute.envoy.conformance.EnvoyEmulator.Request;
import io.inferoute.envoy.conformance.EnvoyEmulator.Result;
import io.inferoute.envoy.conformance.EnvoyEmulator.Upstream;
import io.inferoute.extproc.PickerFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scenarios ported from Envoy's {@code test/extensions/filters/http/ext_proc/ext_proc_integration_test.cc}
 * (method names kept): there Envoy is real and the processor scripted; here the processor is
 * Inferoute and Envoy is {@link EnvoyEmulator}. Each asserts that Envoy would accept every answer
 * and what it would then do with the request.
 */
class ExtProcConformanceTest {
  private final PickerFixture fx = PickerFixture.start();

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private Result run(Modes modes, Request request, Upstream upstream) {
    return new EnvoyEmulator(fx, modes).run(request, upstream);
  }

  private static Request get() {
    Map<String, String> h = new LinkedHashMap<>(post("x-model", MODEL));
    h.put(":method", "GET");
    return Request.of(h);
  }

  private static Request chatRequest(String... chunksOfBody) {
    return Request.of(post(), chunksOfBody);
  }

  private static String[] split(String s, int parts) {
    String[] out = new String[parts];
    int step = (s.length() + parts - 1) / parts;
    for (int i = 0; i < parts; i++) {
      out[i] = s.substring(Math.min(s.length(), i * step), Math.min(s.length(), (i + 1) * step));
    }
    return out;
  }

  private static String bigChat(int bytes) {
    String head = chat(MODEL, "");
    return chat(MODEL, "s".repeat(Math.max(0, bytes - head.length())));
  }

  static void assertPlacedAndClean(Result r) {
    assertThat(r.violation).as("%s", r).isNull();
    assertThat(r.streamStatus.isOk()).as("%s", r).isTrue();
    assertThat(r.routeCacheCleared).isTrue();
    assertThat(r.upstreamAddress).isNotNull();
    assertThat(r.lbDestinations()).startsWith(r.upstreamAddress);
  }

  @Test
  void GetAndCloseStream() {
    Result r = run(Modes.standalone(), get(), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.downstreamStatus).isEqualTo(200);
  }

  @Test
  @DisplayName("GetAndFailStream: a protocol error fails that stream only (Envoy: 500, fail closed)")
  void GetAndFailStream() {
    var s = fx.open();
    s.send(EnvoyEmulator.headers(post("x-model", MODEL), true, true));
    s.next();
    s.send(EnvoyEmulator.headers(post("x-model", MODEL), true, true));
    assertThat(s.awaitClose().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertPlacedAndClean(run(Modes.standalone(), get(), Upstream.ok()));
  }

  @Test
  @DisplayName("GetAndFailStreamOutOfLine: an out-of-order message later in the stream fails it")
  void GetAndFailStreamOutOfLine() {
    var s = fx.open();
    s.send(EnvoyEmulator.headers(post("x-model", MODEL), true, true));
    s.next();
    s.send(EnvoyEmulator.headers(Map.of(":status", "200"), true, false));
    s.next();
    s.send(EnvoyEmulator.trailers(Map.of("x", "y"), true));
    Status status = s.awaitClose();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("request_trailers after the request ended");
    assertThat(fx.inFlight()).isZero();
  }

  @Test
  void GetAndSetHeaders() {
    Map<String, String> h = new LinkedHashMap<>(post("x-model", MODEL, "x-remove-this", "yes"));
    h.put(":method", "GET");
    Result r = run(Modes.standalone(), Request.of(h), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamHeaders).containsEntry("x-remove-this", "yes")
        .containsKeys("x-gateway-destination-endpoint", "x-inferoute-tier",
            "x-inferoute-decision");
  }

  @Test
  @DisplayName("GetAndSetPathHeader: routing pseudo-headers are never touched")
  void GetAndSetPathHeader() {
    Result r = run(Modes.standalone(), get(), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamHeaders).containsEntry(":path", "/v1/chat/completions")
        .containsEntry(":authority", "inference.example.com").containsEntry(":method", "GET")
        .containsEntry(":scheme", "http");
  }

  @Test
  void GetAndSetHeadersWithLogging() {
    Result first = run(Modes.standalone(), get(), Upstream.ok());
    Result second = run(Modes.standalone(), get(), Upstream.ok());
    assertThat(first.upstreamHeaders.get("x-inferoute-decision"))
        .isNotEqualTo(second.upstreamHeaders.get("x-inferoute-decision"));
  }

  @Test
  void GetAndSetHeadersNonUtf8WithValueInString() {
    Map<String, String> h = new LinkedHashMap<>(post("x-model", MODEL));
    h.put("x-bad-utf8", "valid_prefix\u00c3(valid_suffix");
    Result r = run(Modes.standalone(), Request.of(h), Upstream.ok());
    assertPlacedAndClean(r);
  }

  @Test
  @DisplayName("ResponseFromExtProcServerTooLarge: answers stay far below a 1 KiB receive limit")
  void ResponseFromExtProcServerTooLarge() {
    var s = fx.open();
    s.send(EnvoyEmulator.headers(post("x-model", MODEL), true, true));
    assertThat(s.next().getSerializedSize()).isLessThan(1024);
  }

  @Test
  @DisplayName("SetHostHeaderRoutingSucceeded: clear_route_cache with the header re-picks the route")
  void SetHostHeaderRoutingSucceeded() {
    Result r = run(Modes.buffered(), chatRequest(chat(MODEL, "hi")), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.downstreamStatus).isEqualTo(200);
  }

  @Test
  @DisplayName("SetHostHeaderRoutingFailed: without a placement the not_placed route answers")
  void SetHostHeaderRoutingFailed() {
    Result r = run(Modes.buffered(), chatRequest(chat("unknown-model", "hi")), Upstream.ok());
    assertThat(r.violation).isNull();
    assertThat(r.upstreamAddress).isNull();
    assertThat(r.downstreamStatus).isEqualTo(404);
  }

  @Test
  void GetAndSetHeadersOnResponse() {
    Result r = run(Modes.standalone(), get(), Upstream.ok("data: x\n\n"));
    assertPlacedAndClean(r);
    assertThat(r.downstreamBody.toStringUtf8()).isEqualTo("data: x\n\n");
  }

  @Test
  void GetAndSetBodyOnResponse() {
    Result r = run(Modes.standalone(), get(), Upstream.ok("a", "b", "c"));
    assertPlacedAndClean(r);
    assertThat(r.downstreamBody.toStringUtf8()).isEqualTo("abc");
  }

  @Test
  void GetAndSetBodyAndHeadersOnResponse() {
    Modes m = Modes.standalone().withResponse(true, BodySendMode.BUFFERED, false);
    Result r = run(m, get(), Upstream.ok("{\"usage\":{\"completion_tokens\":3}}"));
    assertPlacedAndClean(r);
  }

  @Test
  void GetAndSetHeadersAndTrailersOnResponse() {
    Modes m = Modes.standalone().withResponse(true, BodySendMode.STREAMED, true);
    Result r = run(m, get(), Upstream.ok("x").withTrailers());
    assertPlacedAndClean(r);
  }

  @Test
  @DisplayName("GetAndSetTrailersIncorrectlyOnResponse: trailers are answered only when sent")
  void GetAndSetTrailersIncorrectlyOnResponse() {
    Modes m = Modes.standalone().withResponse(true, BodySendMode.STREAMED, true);
    Result r = run(m, get(), Upstream.ok("x"));
    assertPlacedAndClean(r);
  }

  @Test
  @DisplayName("ProcessingModeResponseOnly: request headers skipped, nothing placed, answers valid")
  void ProcessingModeResponseOnly() {
    var s = fx.open();
    s.send(EnvoyEmulator.headers(Map.of(":status", "200"), true, false));
    assertThat(s.next().hasResponseHeaders()).isTrue();
    s.halfClose();
    assertThat(s.awaitClose().isOk()).isTrue();
  }

  @Test
  void GetAndRespondImmediately() {
    Result r = run(Modes.buffered(), chatRequest("{not json"), Upstream.ok());
    assertThat(r.violation).isNull();
    assertThat(r.downstreamStatus).isEqualTo(400);
    assertThat(r.downstreamBody.toStringUtf8()).startsWith("{\"error\":{");
    assertThat(r.upstreamAddress).isNull();
  }

  @Test
  @DisplayName("GetAndRespondImmediatelyOnResponse: an upstream 500 is observed, never replaced")
  void GetAndRespondImmediatelyOnResponse() {
    Result r = run(Modes.standalone(), get(), Upstream.ok().withStatus(500));
    assertPlacedAndClean(r);
    assertThat(r.localReply).isNull();
    assertThat(r.downstreamStatus).isEqualTo(500);
  }

  @Test
  void GetAndRespondImmediatelyOnResponseBody() {
    Result r = run(Modes.standalone(), get(), Upstream.ok("partial").withStatus(503));
    assertPlacedAndClean(r);
    assertThat(r.localReply).isNull();
    assertThat(r.downstreamBody.toStringUtf8()).isEqualTo("partial");
  }

  @Test
  @DisplayName("GetAndRespondImmediatelyWithBadStatus: every immediate status is a valid HTTP error")
  void GetAndRespondImmediatelyWithBadStatus() {
    Result r = run(Modes.buffered(), chatRequest(chat("nope", "x")), Upstream.ok());
    assertThat(r.localReply).isNotNull();
    assertThat(r.localReply.getStatus().getCodeValue()).isBetween(400, 599);
  }

  @Test
  @DisplayName("BufferBodyOverridePostWithEmptyBody: an empty body routes on headers")
  void BufferBodyOverridePostWithEmptyBody() {
    Result r = run(Modes.buffered(), Request.of(post("x-model", MODEL), ""), Upstream.ok());
    assertPlacedAndClean(r);
  }

  @Test
  void BufferBodyOverrideGetRequestNoBody() {
    Result r = run(Modes.buffered(), get(), Upstream.ok());
    assertPlacedAndClean(r);
  }

  @Test
  @DisplayName("RequestMessageTimeout: every request message is answered without waiting for more")
  void RequestMessageTimeout() {
    Modes m = Modes.buffered().withRequestBody(BodySendMode.STREAMED);
    Result r = run(m, Request.of(post("x-model", MODEL), "{\"a\":", "1}"), Upstream.ok());
    assertPlacedAndClean(r);
  }

  @Test
  @DisplayName("ResponseMessageTimeout: every response chunk is answered at once (observe only)")
  void ResponseMessageTimeout() {
    Result r = run(Modes.standalone(), get(), Upstream.ok("1", "2", "3", "4"));
    assertPlacedAndClean(r);
    assertThat(r.answers).isEqualTo(1 + 1 + 4);
  }

  @Test
  void ServerWaitForBodyBeforeSendsHeaderRespDuplexStreamed() {
    String body = bigChat(64 * 1024);
    Result r = run(Modes.standalone(), chatRequest(split(body, 16)), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamBody.toStringUtf8()).isEqualTo(body);
    assertThat(r.upstreamHeaders).containsEntry("content-length", Integer.toString(body.length()));
  }

  @Test
  void LargeBodyTestDuplexStreamed() {
    String body = bigChat(2 * 1024 * 1024);
    for (int i = 0; i < 3; i++) {
      Result r = run(Modes.standalone(), chatRequest(split(body, 32)), Upstream.ok());
      assertPlacedAndClean(r);
      assertThat(r.upstreamBody.size()).isEqualTo(body.length());
    }
  }

  @Test
  void ServerWaitForBodyAndTrailerBeforeSendsHeaderRespDuplexStreamedSmallBody() {
    String body = bigChat(128 * 1024);
    Request req = chatRequest(split(body, 8)).withTrailers(Map.of("x-trailer-foo", "yes"));
    Result r = run(Modes.standalone(), req, Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamBody.toStringUtf8()).isEqualTo(body);
  }

  @Test
  void ServerSendBodyRespWithouRecvEntireBodyDuplexStreamed() {
    String body = bigChat(256 * 1024);
    Request req = chatRequest(split(body, 21)).withTrailers(Map.of("x-trailer-foo", "yes"));
    Result r = run(Modes.standalone(), req, Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamBody.toStringUtf8()).isEqualTo(body);
  }

  @Test
  void DuplexStreamedInBothDirection() {
    Result r = run(Modes.inferencePool(), chatRequest(split(bigChat(8 * 1024), 4)),
        Upstream.ok("data: a\n\n", "data: b\n\n").withTrailers());
    assertPlacedAndClean(r);
    assertThat(r.downstreamBody.toStringUtf8()).isEqualTo("data: a\n\ndata: b\n\n");
  }

  @Test
  @DisplayName("ServerSendOutOfOrderResponseDuplexStreamed: the header answer always comes first")
  void ServerSendOutOfOrderResponseDuplexStreamed() {
    Result r = run(Modes.inferencePool(), chatRequest(split(bigChat(8 * 1024), 8)),
        Upstream.ok("x"));
    assertPlacedAndClean(r); // the emulator fails on a body answer before the header answer
  }

  @Test
  void ServerWaitforEnvoyHalfCloseThenCloseStream() {
    Result r = run(Modes.standalone(), chatRequest(chat(MODEL, "hi")), Upstream.ok("x"));
    assertThat(r.streamStatus.isOk()).isTrue();
    assertThat(fx.server.openStreams()).isZero();
  }

  @Test
  @DisplayName("StreamedBodyWithoutWaiting: STREAMED with send_body_without_waiting places on the body")
  void streamedBodyWithoutWaitingPlacesOnTheBody() {
    Modes m = Modes.buffered().withRequestBody(BodySendMode.STREAMED).withBodyWithoutWaiting();
    String body = chat(MODEL, "hello");
    Result r = run(m, chatRequest(split(body, 3)), Upstream.ok());
    assertPlacedAndClean(r);
    assertThat(r.upstreamBody.toStringUtf8()).isEqualTo(body);
  }

  @Test
  void largeBufferedBodyOverTheLimitIs413() {
    String body = bigChat(5 * 1024 * 1024);
    Result r = run(Modes.buffered(), chatRequest(body), Upstream.ok());
    assertThat(r.violation).isNull();
    assertThat(r.downstreamStatus).isEqualTo(413);
  }

  @Test
  void largeDuplexBodyOverTheLimitIs413() {
    String body = bigChat(5 * 1024 * 1024);
    List<String> parts = new ArrayList<>(List.of(split(body, 40)));
    Result r = run(Modes.standalone(), chatRequest(parts.toArray(String[]::new)), Upstream.ok());
    assertThat(r.violation).isNull();
    assertThat(r.downstreamStatus).isEqualTo(413);
  }
}
