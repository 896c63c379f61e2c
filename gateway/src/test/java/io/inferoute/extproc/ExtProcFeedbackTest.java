package io.inferoute.extproc;

import static io.inferoute.extproc.EnvoyMessages.modes;
import static io.inferoute.extproc.EnvoyMessages.post;
import static io.inferoute.extproc.EnvoyMessages.requestHeaders;
import static io.inferoute.extproc.EnvoyMessages.responseBody;
import static io.inferoute.extproc.EnvoyMessages.responseHeaders;
import static io.inferoute.extproc.EnvoyMessages.responseTrailers;
import static io.inferoute.extproc.EnvoyMessages.setValue;
import static io.inferoute.extproc.PickerFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.telemetry.LatencyMetric;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the response tells the engine, and that the in-flight slot is given back exactly once. */
class ExtProcFeedbackTest {
  private final PickerFixture fx = PickerFixture.start();

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private Endpoint place(ExtProcStream s, BodySendMode responseMode) {
    s.send(requestHeaders(post("x-model", MODEL), true, modes(BodySendMode.NONE, responseMode)));
    ProcessingResponse r = s.next();
    return fx.endpoint(setValue(r.getRequestHeaders().getResponse().getHeaderMutation(),
        "x-gateway-destination-endpoint"));
  }

  @Test
  void streamedResponseFeedsTtftStatusAndTokensAndReleasesTheSlot() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.STREAMED);
    assertThat(e.telemetry().inFlight()).isEqualTo(1);

    fx.ticker.advance(Duration.ofMillis(5));
    s.send(responseHeaders(200, false, "content-type", "text/event-stream")).next();
    fx.ticker.advance(Duration.ofMillis(20));
    s.send(responseBody("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n", false));
    assertThat(s.next()).isEqualTo(Answers.EMPTY_RESPONSE_BODY);
    fx.ticker.advance(Duration.ofMillis(100));
    s.send(responseBody("data: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":11,"
        + "\"total_tokens\":14}}\n\ndata: [DONE]\n\n", true)).next();

    assertThat(e.telemetry().inFlight()).isZero();
    assertThat(e.telemetry().stats().requests()).isEqualTo(1);
    fx.engine.harvestNow();
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).count()).isEqualTo(1);
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).p50Nanos())
        .isBetween(Duration.ofMillis(24).toNanos(), Duration.ofMillis(26).toNanos());
    // 11 tokens from usage: (125 ms total - 25 ms TTFT) / 10 = 10 ms per output token.
    assertThat(e.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).p50Nanos())
        .isBetween(Duration.ofMillis(9).toNanos(), Duration.ofMillis(11).toNanos());
    s.reset();
    assertThat(fx.releaseUnderflows()).isZero();
  }

  @Test
  void usageFollowedByKilobytesOfStreamStillCounts() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.STREAMED);

    s.send(responseHeaders(200, false, "content-type", "text/event-stream")).next();
    fx.ticker.advance(Duration.ofMillis(10));
    s.send(responseBody("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n", false)).next();
    fx.ticker.advance(Duration.ofMillis(90));
    s.send(responseBody("data: {\"usage\":{\"completion_tokens\":10}}\n\n", false)).next();
    // Keep-alive comments after the usage event: more than a tail of the body would keep.
    s.send(responseBody(": keep-alive\n\n".repeat(300) + "data: [DONE]\n\n", true)).next();

    assertThat(e.telemetry().stats().requests()).isEqualTo(1);
    fx.engine.harvestNow();
    // (100 ms - 10 ms TTFT) / 9 = 10 ms per output token: the 10 tokens were read.
    assertThat(e.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).count()).isEqualTo(1);
    assertThat(e.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).p50Nanos())
        .isBetween(Duration.ofMillis(9).toNanos(), Duration.ofMillis(11).toNanos());
  }

  @Test
  void jsonResponseFeedsTtftAsTimeToItsFirstBodyByteAsTheHttpGatewayDoes() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.STREAMED);

    fx.ticker.advance(Duration.ofMillis(40));
    s.send(responseHeaders(200, false, "content-type", "application/json")).next();
    fx.ticker.advance(Duration.ofMillis(10));
    s.send(responseBody("{\"choices\":[],\"usage\":{\"completion_tokens\":5}}", true)).next();

    fx.engine.harvestNow();
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).count()).isEqualTo(1);
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).p50Nanos())
        .isBetween(Duration.ofMillis(49).toNanos(), Duration.ofMillis(51).toNanos());
  }

  @Test
  void responseWithoutBodyMessagesFeedsTtftAtItsHeaders() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.NONE);

    fx.ticker.advance(Duration.ofMillis(30));
    s.send(responseHeaders(200, true, "content-type", "application/json")).next();

    fx.engine.harvestNow();
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).p50Nanos())
        .isBetween(Duration.ofMillis(29).toNanos(), Duration.ofMillis(31).toNanos());
  }

  @Test
  void resetBeforeAnyResponseReleasesTheSlotExactlyOnce() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.STREAMED);
    s.reset();

    await().atMost(Duration.ofSeconds(10)).until(() -> fx.server.openStreams() == 0);
    assertThat(e.telemetry().inFlight()).isZero();
    assertThat(fx.releaseUnderflows()).isZero();
    assertThat(e.telemetry().stats().requests()).isZero();
  }

  @Test
  void resetAfterTheResponseEndedReleasesNothingMore() {
    ExtProcStream s = fx.open();
    Endpoint e = place(s, BodySendMode.NONE);
    s.send(responseHeaders(200, true)).next();
    s.halfClose();
    s.reset();

    await().atMost(Duration.ofSeconds(10)).until(() -> fx.server.openStreams() == 0);
    assertThat(e.telemetry().inFlight()).isZero();
    assertThat(fx.releaseUnderflows()).isZero();
    assertThat(e.telemetry().stats().requests()).isEqualTo(1);
  }

  @Test
  void servedHeaderMovesTheFeedbackToTheEndpointThatAnswered() {
    ExtProcStream s = fx.open();
    Endpoint primary = place(s, BodySendMode.NONE);
    String other = primary.address().equals("10.2.0.1:8000") ? "10.1.0.1:8000" : "10.2.0.1:8000";
    s.send(responseHeaders(503, true, "x-gateway-destination-endpoint-served", other)).next();

    assertThat(primary.telemetry().inFlight()).isZero();
    assertThat(primary.telemetry().stats().requests()).isZero();
    assertThat(fx.endpoint(other).telemetry().stats().failures()).isEqualTo(1);
    assertThat(fx.releaseUnderflows()).isZero();
  }

  @Test
  void fullDuplexResponseChunksAreEchoedUnchanged() {
    ExtProcStream s = fx.open();
    place(s, BodySendMode.FULL_DUPLEX_STREAMED);
    s.send(responseHeaders(200, false)).next();
    s.send(responseBody("{\"id\":1}", false));
    ProcessingResponse chunk = s.next();
    s.send(responseTrailers());

    var streamed = chunk.getResponseBody().getResponse().getBodyMutation().getStreamedResponse();
    assertThat(streamed.getBody().toStringUtf8()).isEqualTo("{\"id\":1}");
    assertThat(streamed.getEndOfStream()).isFalse();
    assertThat(s.next().hasResponseTrailers()).isTrue();
    assertThat(fx.inFlight()).isZero();
  }

  @Test
  void stoppingDrainsOpenStreamsAndReportsNotServing() throws InterruptedException {
    ExtProcStream s = fx.open();
    place(s, BodySendMode.NONE);
    Thread stopper = new Thread(() -> fx.server.stop(Duration.ofSeconds(30)));
    stopper.start();
    var health = io.grpc.health.v1.HealthGrpc.newBlockingStub(fx.channel);
    await().atMost(Duration.ofSeconds(10)).until(() -> health.check(
        io.grpc.health.v1.HealthCheckRequest.newBuilder().setService("readiness").build())
        .getStatus() == io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);

    // The request in flight still gets its answers while draining.
    s.send(responseHeaders(200, true));
    assertThat(s.next().hasResponseHeaders()).isTrue();
    s.halfClose();
    stopper.join(20_000);
    assertThat(fx.server.isTerminated()).isTrue();
  }
}
