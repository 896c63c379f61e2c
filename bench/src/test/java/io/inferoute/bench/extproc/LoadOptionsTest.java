package io.inferoute.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void defaultsWarmTheJvmLongerThanEachRoundDoes() {
    LoadOptions o = LoadOptions.parse(new String[0]);

    assertThat(o.jvmWarmUp()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.warmUp()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.concurrencies()).containsExactly(4, 16, 64);
  }

  @Test
  void everyOptionKeepsTheOthers() {
    LoadOptions o = LoadOptions.parse(new String[] {"--jvm-warmup", "2.5", "--concurrency", "8,32",
        "--rounds", "3", "--large-concurrency", "0"});

    assertThat(o.jvmWarmUp()).isEqualTo(Duration.ofMillis(2_500));
    assertThat(o.concurrencies()).isEqualTo(List.of(8, 32));
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.largeConcurrency()).isZero();
    assertThat(o.measure()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void theReplayServerIsMeasuredUnlessTurnedOff() {
    assertThat(LoadOptions.parse(new String[0]).replay()).isTrue();
    assertThat(LoadOptions.parse(new String[] {"--replay", "off", "--rounds", "1"}).replay())
        .isFalse();
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--replay", "no"}))
        .hasMessage("--replay: no (expected: on or off)");
  }

  @Test
  void badValuesSayWhatWasExpected() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--jvm-warmup", "soon"}))
        .hasMessage("--jvm-warmup: soon (expected: a number from 0.1 to 1000000)");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--jvm-warmup"}))
        .hasMessage("--jvm-warmup: no value (expected: --jvm-warmup VALUE)");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--warm", "1"}))
        .hasMessageStartingWith("option: --warm (expected: one of --warmup");
  }
}
