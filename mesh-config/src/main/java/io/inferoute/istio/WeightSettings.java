package io.inferoute.istio;

import io.inferoute.internal.Checks;
import io.inferoute.policy.Locality.Proximity;
import java.time.Duration;

/**
 * How the locality weights are computed and how fast they may move.
 *
 * @param mode weights ({@code distribute}) or region failover
 * @param hysteresisPoints a change whose largest single weight move is below this is not published
 * @param maxStepPoints no single weight moves by more than this in one publish
 * @param minInterval at least this long between two publishes of one service (safety changes excepted)
 * @param sameZone preference for destinations in the client's own zone
 * @param sameRegion preference for destinations in the client's region but another zone
 * @param remote preference for destinations in another region
 * @param costSensitivity 0..1: the most expensive locality loses up to this share of its score
 */
public record WeightSettings(
    Mode mode,
    int hysteresisPoints,
    int maxStepPoints,
    Duration minInterval,
    double sameZone,
    double sameRegion,
    double remote,
    double costSensitivity) {

  /**
   * Weights by default; 5-point hysteresis, 20-point steps, 30 s between publishes; proximity
   * 1 / 0.5 / 0.2; cost counts for at most 20 %.
   */
  public static final WeightSettings DEFAULT = new WeightSettings(
      Mode.DISTRIBUTE, 5, 20, Duration.ofSeconds(30), 1.0, 0.5, 0.2, 0.2);

  public WeightSettings {
    Checks.between("hysteresisPoints", hysteresisPoints, 0, 99);
    Checks.between("maxStepPoints", maxStepPoints, 1, 100);
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval: " + minInterval + " (expected: a duration >= 0)");
    }
    positiveFraction("sameZone", sameZone);
    positiveFraction("sameRegion", sameRegion);
    positiveFraction("remote", remote);
    Checks.fraction("costSensitivity", costSensitivity);
  }

  /** The same settings in another mode. */
  public WeightSettings withMode(Mode newMode) {
    return new WeightSettings(newMode, hysteresisPoints, maxStepPoints, minInterval, sameZone,
        sameRegion, remote, costSensitivity);
  }

  /** The same settings with other stability limits. */
  public WeightSettings withStability(int hysteresis, int maxStep, Duration interval) {
    return new WeightSettings(mode, hysteresis, maxStep, interval, sameZone, sameRegion, remote,
        costSensitivity);
  }

  /** The preference factor for a destination at this proximity to the client. */
  public double preference(Proximity proximity) {
    return switch (proximity) {
      case SAME_ZONE -> sameZone;
      case SAME_REGION -> sameRegion;
      case REMOTE -> remote;
    };
  }

  private static void positiveFraction(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: > 0 and <= 1)");
    }
  }

  /** What the side path writes into {@code localityLbSetting}. */
  public enum Mode {
    /** {@code distribute} weights from telemetry (the default). */
    DISTRIBUTE,
    /** {@code failover} from each gateway region to the best other region; no weights. */
    FAILOVER
  }
}
