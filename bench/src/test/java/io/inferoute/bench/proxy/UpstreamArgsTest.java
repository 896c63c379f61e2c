package io.inferoute.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpstreamArgsTest {
  @Test
  void portAloneMeansStatic() {
    assertThat(UpstreamArgs.parse("28100")).isEqualTo(new UpstreamArgs(28100, false, 1));
    assertThat(UpstreamArgs.parse("28100", "static")).isEqualTo(new UpstreamArgs(28100, false, 1));
  }

  @Test
  void simTakesItsSpeedUp() {
    assertThat(UpstreamArgs.parse("28100", "sim", "1e6")).isEqualTo(new UpstreamArgs(28100, true, 1e6));
  }

  @Test
  void simWithoutSpeedUpIsRefused() {
    assertThatThrownBy(() -> UpstreamArgs.parse("28100", "sim"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode: sim (expected: static | sim SPEEDUP)");
  }

  @Test
  void wrongNumbersAreNamed() {
    assertThatThrownBy(() -> UpstreamArgs.parse("http")).hasMessage("port: http (expected: an integer)");
    assertThatThrownBy(() -> UpstreamArgs.parse("0")).hasMessage("port: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> UpstreamArgs.parse("28100", "sim", "0"))
        .hasMessage("speedUp: 0.0 (expected: a finite number > 0)");
  }

  @Test
  void noArgumentsShowsTheUsage() {
    assertThatThrownBy(UpstreamArgs::parse).hasMessageContaining(UpstreamArgs.USAGE);
  }
}
