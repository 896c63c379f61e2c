package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor.RouteCacheAction;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode;
import org.junit.jupiter.api.Test;

class ExtProcConfigRulesTest {

  private static final ExternalProcessor VALID = ExternalProcessor.newBuilder()
      .setGrpcService(GrpcService.newBuilder()
          .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName("inferoute_ext_proc")))
      .setProcessingMode(ProcessingMode.newBuilder()
          .setRequestBodyMode(BodySendMode.FULL_DUPLEX_STREAMED)
          .setRequestTrailerMode(HeaderSendMode.SEND))
      .build();

  @Test
  void acceptsFullDuplexWithRequestTrailersSent() {
    assertThat(ExtProcConfigRules.violations(VALID)).isEmpty();
  }

  @Test
  void rejectsFullDuplexRequestBodyWithoutTrailers() {
    ExternalProcessor config = VALID.toBuilder()
        .setProcessingMode(VALID.getProcessingMode().toBuilder().setRequestTrailerMode(HeaderSendMode.SKIP))
        .build();

    assertThat(ExtProcConfigRules.violations(config))
        .containsExactly("request_trailer_mode: SKIP (expected: SEND with request_body_mode FULL_DUPLEX_STREAMED)");
  }

  @Test
  void rejectsFullDuplexResponseBodyWithoutTrailers() {
    ExternalProcessor config = VALID.toBuilder()
        .setProcessingMode(VALID.getProcessingMode().toBuilder()
            .setResponseBodyMode(BodySendMode.FULL_DUPLEX_STREAMED))
        .build();

    assertThat(ExtProcConfigRules.violations(config)).singleElement().asString()
        .startsWith("response_trailer_mode: DEFAULT");
  }

  @Test
  void rejectsFailOpenWithFullDuplex() {
    ExternalProcessor config = VALID.toBuilder().setFailureModeAllow(true).build();

    assertThat(ExtProcConfigRules.violations(config)).singleElement().asString()
        .startsWith("failure_mode_allow: true");
  }

  @Test
  void rejectsMissingService() {
    ExternalProcessor config = VALID.toBuilder().clearGrpcService().build();

    assertThat(ExtProcConfigRules.violations(config))
        .containsExactly("grpc_service/http_service: neither (expected: exactly one)");
  }

  @Test
  void rejectsBothRouteCacheSettings() {
    ExternalProcessor config = VALID.toBuilder()
        .setDisableClearRouteCache(true)
        .setRouteCacheAction(RouteCacheAction.CLEAR)
        .build();

    assertThat(ExtProcConfigRules.violations(config)).singleElement().asString()
        .startsWith("disable_clear_route_cache: true");
  }

  @Test
  void rejectsMessageTimeoutAboveOneHour() {
    ExternalProcessor config = VALID.toBuilder()
        .setMessageTimeout(Duration.newBuilder().setSeconds(3601))
        .build();

    assertThat(ExtProcConfigRules.violations(config))
        .containsExactly("message_timeout: 3601s (expected: 0..3600s)");
  }
}
