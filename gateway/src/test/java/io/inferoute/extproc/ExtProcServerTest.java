package io.inferoute.extproc;

import static io.inferoute.extproc.EnvoyMessages.chat;
import static io.inferoute.extproc.EnvoyMessages.lbDestinations;
import static io.inferoute.extproc.EnvoyMessages.modes;
import static io.inferoute.extproc.EnvoyMessages.post;
import static io.inferoute.extproc.EnvoyMessages.requestBody;
import static io.inferoute.extproc.EnvoyMessages.requestHeaders;
import static io.inferoute.extproc.EnvoyMessages.requestTrailers;
import static io.inferoute.extproc.EnvoyMessages.setValue;
import static io.inferoute.extproc.PickerFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse.ResponseCase;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over real gRPC on 127.0.0.1: placement in every body mode, and its health service. */
class ExtProcServerTest {
  private PickerFixture fx = PickerFixture.start();

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  @Test
  void headersOnlyRequestIsPlacedFromTheModelHeader() {
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL), true,
        modes(BodySendMode.NONE, BodySendMode.NONE)));
    ProcessingResponse r = s.next();

    assertThat(r.getResponseCase()).isEqualTo(ResponseCase.REQUEST_HEADERS);
    assertPlaced(r, r.getRequestHeaders().getResponse());
  }

  @Test
  void bufferedBodyIsPlacedInTheBodyAnswer() {
    ExtProcStream s = fx.open().send(requestHeaders(post(), false,
        modes(BodySendMode.BUFFERED, BodySendMode.STREAMED)));
    ProcessingResponse headers = s.next();
    s.send(requestBody(chat(MODEL, "hello"), true));
    ProcessingResponse body = s.next();

    assertThat(headers.getResponseCase()).isEqualTo(ResponseCase.REQUEST_HEADERS);
    assertThat(headers.hasDynamicMetadata()).isFalse();
    assertThat(body.getResponseCase()).isEqualTo(ResponseCase.REQUEST_BODY);
    assertPlaced(body, body.getRequestBody().getResponse());
    assertThat(body.getRequestBody().getResponse().hasBodyMutation()).isFalse();
  }

  @Test
  void fullDuplexHoldsTheHeaderAnswerUntilTheBodyEndsThenSendsTheBodyBack() {
    String json = chat(MODEL, "a prompt long enough to come in two chunks");
    ExtProcStream s = fx.open().send(requestHeaders(post(), false,
        modes(BodySendMode.FULL_DUPLEX_STREAMED, BodySendMode.STREAMED)));
    s.send(requestBody(json.substring(0, 20), false));
    s.send(requestBody(json.substring(20), true));

    ProcessingResponse headers = s.next();
    ProcessingResponse body = s.next();
    assertPlaced(headers, headers.getRequestHeaders().getResponse());
    assertThat(setValue(headers.getRequestHeaders().getResponse().getHeaderMutation(),
        "content-length")).isEqualTo(Integer.toString(json.length()));
    var streamed = body.getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
    assertThat(streamed.getBody().toStringUtf8()).isEqualTo(json);
    assertThat(streamed.getEndOfStream()).isTrue();
    assertThat(s.pending()).isZero();
  }

  @Test
  void fullDuplexWithTrailersEndsTheBodyOpenAndAnswersTheTrailers() {
    ExtProcStream s = fx.open().send(requestHeaders(post(), false,
        modes(BodySendMode.FULL_DUPLEX_STREAMED, BodySendMode.STREAMED)));
    s.send(requestBody(chat(MODEL, "hi"), false)).send(requestTrailers(Map.of("x-t", "1")));

    assertThat(s.next().getResponseCase()).isEqualTo(ResponseCase.REQUEST_HEADERS);
    ProcessingResponse body = s.next();
    assertThat(body.getRequestBody().getResponse().getBodyMutation().getStreamedResponse()
        .getEndOfStream()).isFalse();
    assertThat(s.next().getResponseCase()).isEqualTo(ResponseCase.REQUEST_TRAILERS);
  }

  @Test
  void streamedBodyIsPlacedFromHeadersWhenEnvoyWaitsForTheHeaderAnswer() {
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL), false,
        modes(BodySendMode.STREAMED, BodySendMode.STREAMED)));
    ProcessingResponse headers = s.next();
    s.send(requestBody("{\"model\":", false)).send(requestBody("\"x\"}", true));

    assertPlaced(headers, headers.getRequestHeaders().getResponse());
    assertThat(s.next()).isEqualTo(Answers.EMPTY_REQUEST_BODY);
    assertThat(s.next()).isEqualTo(Answers.EMPTY_REQUEST_BODY);
  }

  @Test
  void streamedBodySentWithoutWaitingIsPlacedOnTheBodyAndAnsweredChunkByChunk() {
    var config = modes(BodySendMode.STREAMED, BodySendMode.STREAMED).toBuilder()
        .setSendBodyWithoutWaitingForHeaderResponse(true).build();
    String json = chat(MODEL, "streamed");
    ExtProcStream s = fx.open().send(requestHeaders(post(), false, config));
    s.send(requestBody(json.substring(0, 10), false)).send(requestBody(json.substring(10), true));

    ProcessingResponse headers = s.next();
    assertPlaced(headers, headers.getRequestHeaders().getResponse());
    assertThat(s.next()).isEqualTo(Answers.EMPTY_REQUEST_BODY);
    assertThat(s.next()).isEqualTo(Answers.EMPTY_REQUEST_BODY);
  }

  @Test
  void clientSuppliedRoutingHeadersAreRemovedAndNeverRead() {
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL,
        "x-gateway-destination-endpoint", "6.6.6.6:80",
        "x-gateway-destination-endpoint-served", "6.6.6.6:80",
        "x-inferoute-pool", "cloud", "x-inferoute-tier", "cloud"), true, null));
    CommonResponse common = s.next().getRequestHeaders().getResponse();

    HeaderMutation m = common.getHeaderMutation();
    assertThat(m.getRemoveHeadersList()).containsExactlyInAnyOrder(
        "x-gateway-destination-endpoint-served", "x-inferoute-pool");
    assertThat(setValue(m, "x-gateway-destination-endpoint")).isNotEqualTo("6.6.6.6:80");
    assertThat(m.getSetHeadersList()).allSatisfy(h -> assertThat(h.getAppendAction())
        .isEqualTo(io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction
            .OVERWRITE_IF_EXISTS_OR_ADD));
  }

  @Test
  void poolModeNamesTheTierInsteadOfAnEndpoint() throws InterruptedException {
    fx.close();
    fx = PickerFixture.start(ExtProcSettings.defaults().withPoolMode(true));
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    ProcessingResponse r = s.next();

    HeaderMutation m = r.getRequestHeaders().getResponse().getHeaderMutation();
    assertThat(setValue(m, "x-inferoute-pool")).isIn("edge-gpu", "regional-npu", "cloud");
    assertThat(setValue(m, "x-gateway-destination-endpoint")).isNull();
    assertThat(r.hasDynamicMetadata()).isFalse();
    assertThat(r.getRequestHeaders().getResponse().getClearRouteCache()).isTrue();
    assertThat(fx.inFlight()).isZero();
  }

  @Test
  void healthServesEveryNameEnvoyAndKubernetesAskForUntilStopped() {
    var health = HealthGrpc.newBlockingStub(fx.channel);
    for (String name : new String[] {"", "liveness", "readiness", ExtProcServer.SERVICE_NAME}) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(name).build())
          .getStatus()).as(name).isEqualTo(ServingStatus.SERVING);
    }
    assertThat(ExtProcServer.SERVICE_NAME).isEqualTo("envoy.service.ext_proc.v3.ExternalProcessor");
  }

  @Test
  void inboundMessagesWellAboveFourMebibytesAreAccepted() {
    assertThat(ExtProcServer.maxMessage(4 << 20)).isGreaterThanOrEqualTo(8 << 20);
  }

  /** The EPP answer: header and metadata agree, raw_value only, route cache cleared, tier and id. */
  static void assertPlaced(ProcessingResponse r, CommonResponse common) {
    HeaderMutation m = common.getHeaderMutation();
    String header = setValue(m, "x-gateway-destination-endpoint");
    String metadata = lbDestinations(r.getDynamicMetadata());
    assertThat(header).matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
    assertThat(metadata).isNotNull();
    assertThat(metadata.split(",")[0]).isEqualTo(header);
    assertThat(common.getClearRouteCache()).isTrue();
    assertThat(setValue(m, "x-inferoute-tier")).isNotBlank();
    assertThat(setValue(m, "x-inferoute-decision")).isNotBlank();
    assertThat(m.getSetHeadersList()).allSatisfy(h -> {
      assertThat(h.getHeader().getValue()).isEmpty();
      assertThat(h.getHeader().getRawValue().isEmpty()).isFalse();
    });
  }
}
