package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpGatewaySettingsTest {
  @Test
  void defaultsMatchTheDocumentedGateway() {
    HttpGatewaySettings s = HttpGatewaySettings.defaults();

    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.bodyLimitBytes()).isEqualTo(4 << 20);
    assertThat(s.originHeader()).isEqualTo("x-client-locality");
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.retryBudgetPercent()).isEqualTo(20);
    assertThat(s.minRetryConcurrency()).isEqualTo(3);
    assertThat(s.retryAfterSeconds()).isEqualTo(1);
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void refusesNonsenseNamingTheFieldAndWhatIsExpected() {
    assertThatThrownBy(() -> HttpGatewaySettings.builder().port(70_000).build())
        .hasMessage("port: 70000 (expected: 0..65535)");
    assertThatThrownBy(() -> HttpGatewaySettings.builder().maxAttempts(0).build())
        .hasMessage("maxAttempts: 0 (expected: 1..10)");
    assertThatThrownBy(() -> HttpGatewaySettings.builder().originHeader("X-Client").build())
        .hasMessage("originHeader: X-Client (expected: a lower-case header name)");
    assertThatThrownBy(() -> HttpGatewaySettings.builder().interactiveQueue(8, Duration.ofMinutes(1)).build())
        .hasMessage("interactiveQueueWait: PT1M (expected: 0..10 s (a short wait))");
  }
}
