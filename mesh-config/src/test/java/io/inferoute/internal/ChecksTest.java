package io.inferoute.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared argument checks: values pass through, messages read {@code name: value (expected: …)}. */
class ChecksTest {

  @Test
  void returnsValuesThatPass() {
    assertThat(Checks.name("n", "a")).isEqualTo("a");
    assertThat(Checks.between("b", 3, 1, 3)).isEqualTo(3);
    assertThat(Checks.fraction("f", 0.0)).isZero();
    assertThat(Checks.positive("d", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    assertThat(Checks.names("ns", List.of("x", "y"))).containsExactly("x", "y");
  }

  @Test
  void namesTheFieldTheValueAndWhatWasExpected() {
    assertThatThrownBy(() -> Checks.between("route.priority", 11, 0, 10))
        .hasMessage("route.priority: 11 (expected: 0..10)");
    assertThatThrownBy(() -> Checks.atLeast("maxConcurrency", 0, 1))
        .hasMessage("maxConcurrency: 0 (expected: >= 1)");
    assertThatThrownBy(() -> Checks.nonNegative("cost", Double.POSITIVE_INFINITY))
        .hasMessage("cost: Infinity (expected: a finite number >= 0)");
    assertThatThrownBy(() -> Checks.positive("slo", Duration.ZERO))
        .hasMessage("slo: PT0S (expected: a duration > 0)");
    assertThatThrownBy(() -> Checks.names("models", List.of("m1", "")))
        .hasMessage("models[]: \"\" (expected: a non-empty name)");
  }

  @Test
  void rejectsNaNAsAFraction() {
    assertThatThrownBy(() -> Checks.fraction("share", Double.NaN))
        .hasMessage("share: NaN (expected: 0..1)");
  }
}
