package io.inferoute.bench.lab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ArrivalProcessTest {

  @Test
  void poissonArrivesAtTheRateOverManySamples() {
    assertThat(countUntil(ArrivalProcess.poisson(), 50, 2_000) / 2_000.0)
        .isCloseTo(50, Percentage.withPercentage(2));
  }

  @Test
  void onOffKeepsTheMeanRate() {
    assertThat(countUntil(ArrivalProcess.onOff(4, 0.25), 50, 2_000) / 2_000.0)
        .isCloseTo(50, Percentage.withPercentage(2));
  }

  @Test
  void onOffArrivesOnlyDuringOnPhases() {
    ArrivalProcess.Arrivals arrivals =
        ArrivalProcess.onOff(4, 0.25).start(50, new SplittableRandom(1));
    for (int i = 0; i < 10_000; i++) {
      assertThat(arrivals.next() % 4).isLessThanOrEqualTo(1.0 + 1e-9);
    }
  }

  @Test
  void poissonGapsAreExponential() {
    ArrivalProcess.Arrivals arrivals = ArrivalProcess.poisson().start(10, new SplittableRandom(3));
    double previous = 0;
    int longGaps = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double t = arrivals.next();
      if (t - previous > 0.1) {
        longGaps++; // P(gap > mean) = 1/e for an exponential
      }
      previous = t;
    }
    assertThat(longGaps / (double) n).isCloseTo(Math.exp(-1), Percentage.withPercentage(3));
  }

  @Test
  void sameSeedSameArrivals() {
    ArrivalProcess.Arrivals a = ArrivalProcess.onOff(2, 0.5).start(5, new SplittableRandom(9));
    ArrivalProcess.Arrivals b = ArrivalProcess.onOff(2, 0.5).start(5, new SplittableRandom(9));
    for (int i = 0; i < 100; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void rejectsAnOnFractionOutsideTheUnitInterval() {
    assertThatThrownBy(() -> ArrivalProcess.onOff(4, 1.5))
        .hasMessage("onFraction: 1.5 (expected: in (0, 1])");
  }

  private static int countUntil(ArrivalProcess process, double rate, double seconds) {
    ArrivalProcess.Arrivals arrivals = process.start(rate, new SplittableRandom(42));
    int count = 0;
    while (arrivals.next() < seconds) {
      count++;
    }
    return count;
  }
}
