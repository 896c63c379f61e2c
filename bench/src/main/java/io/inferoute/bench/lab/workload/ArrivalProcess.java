package io.inferoute.bench.lab.workload;

import java.util.SplittableRandom;

/**
 * When requests (or sessions) arrive: a stream of increasing times with a given long-run mean rate.
 *
 * <p>{@link #poisson()} draws exponential gaps. {@link #onOff} is a bursty, on/off modulated
 * Poisson process: arrivals come only during the first {@code onFraction} of every period, at
 * {@code rate / onFraction}, so the mean rate over whole periods is still {@code rate}. It is built
 * by time-warping a Poisson stream of "on" time onto the wall clock, which keeps it exact and cheap.
 */
public sealed interface ArrivalProcess {

  /** Poisson arrivals (exponential gaps). */
  static ArrivalProcess poisson() {
    return Poisson.INSTANCE;
  }

  /**
   * Bursty arrivals: on for {@code onFraction} of each {@code periodSeconds}, silent for the rest.
   *
   * @throws IllegalArgumentException if the period is not positive or onFraction not in (0, 1]
   */
  static ArrivalProcess onOff(double periodSeconds, double onFraction) {
    return new OnOff(periodSeconds, onFraction);
  }

  /** A new stream of arrival times in seconds from 0, at {@code rate} per second on average. */
  Arrivals start(double rate, SplittableRandom random);

  /** A short name for reports, e.g. {@code poisson} or {@code on/off 4s 25%}. */
  String label();

  /** A stream of increasing arrival times. */
  interface Arrivals {
    /** The next arrival time, in seconds from the start. */
    double next();
  }

  /** Poisson arrivals. */
  enum Poisson implements ArrivalProcess {
    INSTANCE;

    @Override
    public Arrivals start(double rate, SplittableRandom random) {
      requireRate(rate);
      double[] now = {0};
      return () -> now[0] += Draws.exponential(random, 1 / rate);
    }

    @Override
    public String label() {
      return "poisson";
    }
  }

  /**
   * On/off modulated Poisson arrivals.
   *
   * @param periodSeconds one on phase plus one off phase
   * @param onFraction the share of each period that is on
   */
  record OnOff(double periodSeconds, double onFraction) implements ArrivalProcess {
    public OnOff {
      if (!(periodSeconds > 0) || Double.isInfinite(periodSeconds)) {
        throw new IllegalArgumentException(
            "periodSeconds: " + periodSeconds + " (expected: a finite number > 0)");
      }
      if (!(onFraction > 0 && onFraction <= 1)) {
        throw new IllegalArgumentException("onFraction: " + onFraction + " (expected: in (0, 1])");
      }
    }

    @Override
    public Arrivals start(double rate, SplittableRandom random) {
      requireRate(rate);
      double onSeconds = periodSeconds * onFraction;
      double[] onTime = {0};
      return () -> {
        onTime[0] += Draws.exponential(random, onFraction / rate);
        // Whole on-phases elapsed map to whole periods; the remainder falls inside an on-phase.
        double periods = Math.floor(onTime[0] / onSeconds);
        return periods * periodSeconds + (onTime[0] - periods * onSeconds);
      };
    }

    @Override
    public String label() {
      return String.format(java.util.Locale.ROOT, "on/off %.0fs %.0f%%", periodSeconds,
          100 * onFraction);
    }
  }

  private static void requireRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: a finite number > 0)");
    }
  }
}
