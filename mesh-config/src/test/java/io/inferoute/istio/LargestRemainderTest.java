package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {

  @Test
  void threeEqualSharesGiveTheSpareUnitToTheFirst() {
    assertThat(LargestRemainder.apportion(new double[] {1, 1, 1}, 100)).containsExactly(34, 33, 33);
  }

  @Test
  void aNegligibleShareStillGetsOnePoint() {
    int[] out = LargestRemainder.apportion(new double[] {1e9, 1e-9, 0}, 100);
    assertThat(out).containsExactly(98, 1, 1);
  }

  @Test
  void allZeroScoresSplitEvenly() {
    assertThat(LargestRemainder.apportion(new double[] {0, 0, Double.NaN, 0}, 100)).containsExactly(25, 25, 25, 25);
  }

  @Test
  void roundingRealsKeepsTheSumAndTheFloorOfOne() {
    int[] out = LargestRemainder.round(new double[] {1 - 1e-12, 33.5, 65.5 + 1e-12}, 100);
    assertThat(Arrays.stream(out).sum()).isEqualTo(100);
    assertThat(out).containsExactly(1, 33, 66);
  }

  @Test
  void refusesMoreSharesThanPoints() {
    assertThatThrownBy(() -> LargestRemainder.apportion(new double[101], 100))
        .hasMessage("shares: 101 (expected: 1..100)");
  }
}
