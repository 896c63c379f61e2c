package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostAndPort() {
    assertThat(HostPort.parse("10.0.0.5:8000")).isEqualTo(new HostPort("10.0.0.5", 8000));
    assertThat(HostPort.parse("vllm.default.svc:80")).isEqualTo(new HostPort("vllm.default.svc", 80));
  }

  @Test
  void bracketsIpv6AndPrintsItBack() {
    HostPort v6 = HostPort.parse("[fd00::1]:9000");
    assertThat(v6.host()).isEqualTo("fd00::1");
    assertThat(v6).hasToString("[fd00::1]:9000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.5", "10.0.0.5:", ":80", "10.0.0.5:0", "10.0.0.5:65536",
      "fd00::1:80", "[]:80", "host:http", "a b:80"})
  void rejectsMalformedAddresses(String text) {
    assertThatThrownBy(() -> HostPort.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not an address (expected: host:port or [ipv6]:port, port 1..65535)");
  }
}
