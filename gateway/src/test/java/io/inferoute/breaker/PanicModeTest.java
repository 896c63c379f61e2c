package io.inferoute.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PanicModeTest {
  @ParameterizedTest(name = "{0} of {1} healthy at {2}% -> {3}")
  @CsvSource({
    "10, 10, 50, false", "5, 10, 50, false", "4, 10, 50, true", "0, 10, 50, true",
    "1, 2, 50, false", "1, 3, 50, true", "0, 1, 50, true", "1, 1, 100, false",
    "9, 10, 100, true", "0, 10, 0, false", "0, 0, 50, false", "0, 0, 100, false",
  })
  void panicsWhenFewerThanThresholdPercentAreHealthy(
      int healthy, int total, int threshold, boolean panic) {
    assertThat(PanicMode.inPanic(healthy, total, threshold)).isEqualTo(panic);
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> PanicMode.inPanic(3, 2, 50))
        .hasMessage("healthy: 3 (expected: 0..2)");
    assertThatThrownBy(() -> PanicMode.inPanic(0, -1, 50))
        .hasMessage("total: -1 (expected: >= 0)");
    assertThatThrownBy(() -> PanicMode.inPanic(1, 2, 101))
        .hasMessage("thresholdPercent: 101 (expected: 0..100)");
  }
}
