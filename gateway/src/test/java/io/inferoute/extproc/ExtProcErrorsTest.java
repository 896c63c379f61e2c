package io.inferoute.extproc;

import static io.inferoute.extproc.EnvoyMessages.chat;
import static io.inferoute.extproc.EnvoyMessages.modes;
import static io.inferoute.extproc.EnvoyMessages.post;
import static io.inferoute.extproc.EnvoyMessages.requestBody;
import static io.inferoute.extproc.EnvoyMessages.requestHeaders;
import static io.inferoute.extproc.EnvoyMessages.responseHeaders;
import static io.inferoute.extproc.EnvoyMessages.setValue;
import static io.inferoute.extproc.EnvoyMessages.withSubset;
import static io.inferoute.extproc.PickerFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every reject reason as Envoy receives it, and protocol errors that fail one stream only. */
class ExtProcErrorsTest {
  private PickerFixture fx = PickerFixture.start();

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private ImmediateResponse buffered(String body) {
    ExtProcStream s = fx.open().send(requestHeaders(post(), false,
        modes(BodySendMode.BUFFERED, BodySendMode.NONE)));
    s.next();
    s.send(requestBody(body, true));
    ProcessingResponse r = s.next();
    assertThat(r.hasImmediateResponse()).as("%s", r).isTrue();
    return r.getImmediateResponse();
  }

  @Test
  void nonJsonBodyIs400WithAnOpenAiErrorBody() {
    ImmediateResponse r = buffered("not json");

    assertThat(r.getStatus().getCodeValue()).isEqualTo(400);
    assertThat(setValue(r.getHeaders(), "x-inferoute-reject-reason")).isEqualTo("invalid_request");
    assertThat(setValue(r.getHeaders(), "content-type")).isEqualTo("application/json");
    assertThat(r.getBody().toStringUtf8())
        .startsWith("{\"error\":{\"message\":\"request body is not valid JSON")
        .contains("\"type\":\"invalid_request_error\"", "\"code\":\"invalid_request\"");
  }

  @Test
  void unknownModelIs404() {
    ImmediateResponse r = buffered(chat("no-such-model", "hi"));

    assertThat(r.getStatus().getCodeValue()).isEqualTo(404);
    assertThat(setValue(r.getHeaders(), "x-inferoute-reject-reason")).isEqualTo("model_not_found");
  }

  @Test
  void bufferedBodyOverTheLimitIs413() throws InterruptedException {
    fx.close();
    fx = PickerFixture.start(ExtProcSettings.defaults().withBodyLimit(64));
    ImmediateResponse r = buffered(chat(MODEL, "x".repeat(100)));

    assertThat(r.getStatus().getCodeValue()).isEqualTo(413);
    assertThat(r.getBody().toStringUtf8()).contains("expected: at most 64 bytes");
  }

  @Test
  void fullDuplexBodyOverTheLimitIs413AsSoonAsItCrossesIt() throws InterruptedException {
    fx.close();
    fx = PickerFixture.start(ExtProcSettings.defaults().withBodyLimit(64));
    ExtProcStream s = fx.open().send(requestHeaders(post(), false,
        modes(BodySendMode.FULL_DUPLEX_STREAMED, BodySendMode.NONE)));
    s.send(requestBody("x".repeat(40), false)).send(requestBody("x".repeat(40), false));
    ProcessingResponse r = s.next();
    // Chunks Envoy had in flight get no answer: it stopped listening at the immediate response.
    s.send(requestBody("x".repeat(10), true));

    assertThat(r.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(413);
    s.halfClose();
    assertThat(s.awaitClose().isOk()).isTrue();
    assertThat(s.pending()).isZero();
  }

  @Test
  void saturatedFleetIs429WithRetryAfter() throws InterruptedException {
    fx.close();
    fx = PickerFixture.start(ExtProcSettings.defaults(),
        List.of(PickerFixture.spec("only", "10.9.0.1:8000", "edge-gpu", "asia/tokyo-a", 1)));
    ExtProcStream first = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    assertThat(first.next().hasRequestHeaders()).isTrue();
    ExtProcStream second = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    ImmediateResponse r = second.next().getImmediateResponse();

    assertThat(r.getStatus().getCodeValue()).isEqualTo(429);
    assertThat(setValue(r.getHeaders(), "retry-after")).isEqualTo("1");
    assertThat(setValue(r.getHeaders(), "x-inferoute-reject-reason")).isEqualTo("saturated");
  }

  @Test
  void subsetHintRestrictsTheChoice() {
    ExtProcStream s = fx.open().send(withSubset(requestHeaders(post("x-model", MODEL), true,
        null), "10.1.0.2:8000"));
    ProcessingResponse r = s.next();

    assertThat(setValue(r.getRequestHeaders().getResponse().getHeaderMutation(),
        "x-gateway-destination-endpoint")).isEqualTo("10.1.0.2:8000");
    assertThat(EnvoyMessages.lbDestinations(r.getDynamicMetadata())).isEqualTo("10.1.0.2:8000");
  }

  @Test
  void subsetHintWithNothingEligibleIs503() {
    ExtProcStream s = fx.open().send(withSubset(requestHeaders(post("x-model", MODEL), true,
        null), "192.0.2.1:8000"));

    assertThat(s.next().getImmediateResponse().getStatus().getCodeValue()).isEqualTo(503);
  }

  @Test
  void missingModelWithoutBodyIs400() {
    ExtProcStream s = fx.open().send(requestHeaders(post(), true, null));

    ImmediateResponse r = s.next().getImmediateResponse();
    assertThat(r.getStatus().getCodeValue()).isEqualTo(400);
    assertThat(r.getBody().toStringUtf8()).contains("x-model header");
  }

  @Test
  void secondRequestHeadersFailsTheStreamWithInvalidArgumentAndNothingElse() {
    ExtProcStream bad = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    bad.next();
    bad.send(requestHeaders(post("x-model", MODEL), true, null));

    Status status = bad.awaitClose();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("request_headers more than once");
    assertThat(fx.inFlight()).isZero();
    ExtProcStream good = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    assertThat(good.next().hasRequestHeaders()).isTrue();
  }

  @Test
  void requestBodyAfterTheResponseStartedIsAProtocolError() {
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL), true, null));
    s.next();
    s.send(responseHeaders(200, false)).next();
    s.send(requestBody("{}", true));

    Status status = s.awaitClose();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("request_body after the request ended");
  }

  @Test
  void bodyInModeNoneIsAProtocolError() {
    ExtProcStream s = fx.open().send(requestHeaders(post("x-model", MODEL), false,
        modes(BodySendMode.NONE, BodySendMode.NONE)));
    s.next();
    s.send(requestBody("{}", true));

    assertThat(s.awaitClose().getDescription()).contains("request body mode is NONE");
  }

  @Test
  void emptyMessageIsAProtocolError() {
    ExtProcStream s = fx.open().send(
        io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest.getDefaultInstance());

    assertThat(s.awaitClose().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}
