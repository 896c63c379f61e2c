package io.inferoute.policy.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
  @Test
  void parsesDurationsInEveryUnit() {
    assertThat(Units.parseDuration("150ms")).isEqualTo(Duration.ofMillis(150));
    assertThat(Units.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Units.parseDuration("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Units.parseDuration("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(Units.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Units.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Units.parseDuration("0s")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"150", "150 ms", "150MS", "-1s", "1m30s", "0.5ns", "1.s", "s", "", "99999999999h"})
  void rejectsAnythingButANumberAndOneUnit(String text) {
    assertThat(Units.parseDuration(text)).isNull();
  }

  @Test
  void parsesSizesInBinaryAndDecimalUnits() {
    assertThat(Units.parseSize("4MiB")).isEqualTo(4L << 20);
    assertThat(Units.parseSize("64KiB")).isEqualTo(64L << 10);
    assertThat(Units.parseSize("1GB")).isEqualTo(1_000_000_000L);
    assertThat(Units.parseSize("512B")).isEqualTo(512L);
    assertThat(Units.parseSize("4096")).isNull();
    assertThat(Units.parseSize("1.5MiB")).isNull();
    assertThat(Units.parseSize("99999999999GiB")).isNull();
  }

  @Test
  void parsesPercentagesZeroToHundredWithTheSign() {
    assertThat(Units.parsePercent("0%")).isZero();
    assertThat(Units.parsePercent("50%")).isEqualTo(50);
    assertThat(Units.parsePercent("100%")).isEqualTo(100);
    assertThat(Units.parsePercent("50")).isNull();
    assertThat(Units.parsePercent("101%")).isNull();
    assertThat(Units.parsePercent("12.5%")).isNull();
  }

  @Test
  void formatsDurationsInTheLargestWholeUnit() {
    assertThat(Units.format(Duration.ofMillis(150))).isEqualTo("150ms");
    assertThat(Units.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Units.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Units.format(Duration.ZERO)).isEqualTo("0ns");
    assertThat(Units.parseDuration(Units.format(Duration.ofNanos(1_234_567)))).isEqualTo(Duration.ofNanos(1_234_567));
  }
}
