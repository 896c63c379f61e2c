package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferoute.policy.TelemetrySettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyWindowTest {
  private static final long MICRO = 1_000;
  private static final long MILLI = 1_000_000;
  private static final long SECOND = 1_000_000_000;
  private static final long HOUR = 3_600 * SECOND;
  private static final long TEN_MINUTES = 600 * SECOND;

  static LatencyWindow window(int intervals) {
    return new LatencyWindow(
        new TelemetrySettings(Duration.ofSeconds(10), intervals, Duration.ofSeconds(5)));
  }

  /** 2 significant digits: a bucket is at most 1/128 of its value wide; plus µs truncation. */
  static long tolerance(double exactNanos) {
    return (long) Math.ceil(exactNanos * 0.01) + MICRO;
  }

  static Stream<Arguments> distributions() {
    return Stream.of(
        distribution("uniform 1 ms .. 2 s", r -> () -> MILLI + r.nextLong(2 * SECOND)),
        distribution("lognormal, heavy tail", r -> () -> lognormal(r, 200 * MILLI, 1.2)),
        distribution("lognormal, median 300 µs", r -> () -> lognormal(r, 300 * MICRO, 0.8)),
        distribution("bimodal: 80% ~40 ms, 20% ~3 s", r -> () -> bimodal(r)));
  }

  private static Arguments distribution(String name, DistributionFactory factory) {
    return Arguments.of(name, factory);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distributions")
  void percentilesMatchExactNearestRankWithinTwoSignificantDigits(
      String name, DistributionFactory distribution) {
    long[] values = new long[50_000];
    LongSupplier next = distribution.create(new SplittableRandom(name.hashCode()));
    LatencyWindow window = window(6);
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.min(next.getAsLong(), HOUR);
      window.record(values[i]);
    }
    window.rotate();

    LatencySnapshot snapshot = window.snapshot();
    Arrays.sort(values);
    assertThat(snapshot.count()).isEqualTo(values.length);
    assertClose(snapshot.p50Nanos(), nearestRank(values, 50));
    assertClose(snapshot.p90Nanos(), nearestRank(values, 90));
    assertClose(snapshot.p95Nanos(), nearestRank(values, 95));
    assertClose(snapshot.p99Nanos(), nearestRank(values, 99));
    assertClose(snapshot.maxNanos(), values[values.length - 1]);
    double mean = Arrays.stream(values).asDoubleStream().average().orElseThrow();
    assertThat(snapshot.meanNanos()).isCloseTo(mean, within((double) tolerance(mean)));
  }

  @Test
  void emptyWindowReportsEmptySnapshot() {
    LatencyWindow window = window(3);
    assertThat(window.snapshot()).isSameAs(LatencySnapshot.EMPTY);

    window.rotate();

    assertThat(window.snapshot()).isSameAs(LatencySnapshot.EMPTY);
    assertThat(window.snapshot().known()).isFalse();
  }

  @Test
  void valuesBecomeVisibleOnlyAtTheNextRotation() {
    LatencyWindow window = window(3);
    window.record(5 * MILLI);

    assertThat(window.snapshot().count()).isZero();
    window.rotate();
    assertThat(window.snapshot().count()).isEqualTo(1);
  }

  @Test
  void valueStaysForNRotationsAndIsGoneAtTheNPlusFirst() {
    int intervals = 4;
    LatencyWindow window = window(intervals);
    window.record(5 * MILLI);

    for (int i = 0; i < intervals; i++) {
      window.rotate();
      assertThat(window.snapshot().count()).as("after rotation %d", i + 1).isEqualTo(1);
    }
    window.rotate();

    assertThat(window.snapshot()).isSameAs(LatencySnapshot.EMPTY);
  }

  @Test
  void windowSlidesIntervalByInterval() {
    LatencyWindow window = window(2);
    window.record(10 * MILLI);
    window.rotate(); // [10 ms]
    window.record(20 * MILLI);
    window.record(20 * MILLI);
    window.rotate(); // [10 ms] [20 ms x2]
    window.record(30 * MILLI);
    window.rotate(); // [20 ms x2] [30 ms]

    LatencySnapshot snapshot = window.snapshot();
    assertThat(snapshot.count()).isEqualTo(3);
    assertThat(snapshot.p50Nanos()).isCloseTo(20 * MILLI, within(tolerance(20 * MILLI)));
    assertThat(snapshot.maxNanos()).isCloseTo(30 * MILLI, within(tolerance(30 * MILLI)));
  }

  @Test
  void clampsZeroAndNegativeValuesToOneMicrosecond() {
    LatencyWindow window = window(1);
    window.record(0);
    window.record(-1);
    window.record(Long.MIN_VALUE);
    window.record(999); // below 1 µs after truncation
    window.rotate();

    LatencySnapshot snapshot = window.snapshot();
    assertThat(snapshot.count()).isEqualTo(4);
    assertThat(snapshot.p50Nanos()).isEqualTo(MICRO);
    assertThat(snapshot.maxNanos()).isEqualTo(MICRO);
  }

  @Test
  void clampsHugeValuesToTenMinutes() {
    LatencyWindow window = window(1);
    window.record(Long.MAX_VALUE);
    window.record(2 * TEN_MINUTES);
    window.rotate();

    LatencySnapshot snapshot = window.snapshot();
    assertThat(snapshot.count()).isEqualTo(2);
    assertThat(snapshot.maxNanos()).isBetween(TEN_MINUTES, TEN_MINUTES + tolerance(TEN_MINUTES));
    assertThat(snapshot.p50Nanos()).isBetween(TEN_MINUTES, TEN_MINUTES + tolerance(TEN_MINUTES));
  }

  @Test
  void clampToMicrosKeepsValuesInRange() {
    assertThat(LatencyWindow.clampToMicros(-5)).isEqualTo(1);
    assertThat(LatencyWindow.clampToMicros(1_999)).isEqualTo(1);
    assertThat(LatencyWindow.clampToMicros(2_000)).isEqualTo(2);
    assertThat(LatencyWindow.clampToMicros(Long.MAX_VALUE)).isEqualTo(600_000_000L);
  }

  private static void assertClose(long reported, long exact) {
    assertThat(reported).isCloseTo(exact, within(tolerance(exact)));
  }

  /** The exact percentile as HdrHistogram defines it: the nearest-rank value. */
  static long nearestRank(long[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static long lognormal(SplittableRandom random, long medianNanos, double sigma) {
    double gaussian = gaussian(random);
    return (long) (medianNanos * Math.exp(sigma * gaussian));
  }

  private static long bimodal(SplittableRandom random) {
    // Prefix-cache hits answer fast, misses pay the whole prefill.
    return random.nextInt(5) == 0
        ? lognormal(random, 3 * SECOND, 0.3)
        : lognormal(random, 40 * MILLI, 0.3);
  }

  /** Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Makes a seeded value source, so each distribution is reproducible. */
  @FunctionalInterface
  interface DistributionFactory {
    LongSupplier create(SplittableRandom random);
  }
}
