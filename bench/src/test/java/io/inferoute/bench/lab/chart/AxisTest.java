package io.inferoute.bench.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AxisTest {

  @Test
  void linearTicksAreRoundNumbersFromZero() {
    Axis axis = Axis.covering(new double[] {3, 47}, false, 0, 100);
    assertThat(axis.ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
    assertThat(axis.pixel(25)).isEqualTo(50);
  }

  @Test
  void logTicksAreDecades() {
    Axis axis = Axis.covering(new double[] {12, 9_000}, true, 300, 0);
    assertThat(axis.ticks()).containsExactly(10.0, 100.0, 1_000.0, 10_000.0);
    assertThat(axis.pixel(100)).isEqualTo(200);
    assertThat(axis.shows(0)).isFalse();
  }

  @Test
  void shortLogRangesGetTwosAndFives() {
    assertThat(Axis.covering(new double[] {30, 80}, true, 0, 1).ticks())
        .containsExactly(10.0, 20.0, 50.0, 100.0);
  }

  @Test
  void tickLabelsShowTheDecimalsTheStepNeeds() {
    Axis axis = Axis.covering(new double[] {99.35, 100}, false, 0, 1);
    assertThat(axis.ticks().stream().map(axis::tickLabel))
        .containsExactly("99.2", "99.4", "99.6", "99.8", "100.0");
  }

  @Test
  void labelsDropNeedlessDecimals() {
    assertThat(Axis.label(40)).isEqualTo("40");
    assertThat(Axis.label(2.5)).isEqualTo("2.5");
    assertThat(Axis.label(0.25)).isEqualTo("0.25");
    assertThat(Axis.label(20_000)).isEqualTo("20k");
  }
}
