package io.inferoute.istio;

/**
 * The score of one locality for one service, before client proximity: see docs/istio.md.
 *
 * <p>{@code capacity × (0.1 + 0.9 × headroom) × slo × (1 − errorRate) × costFactor}, where headroom
 * is the free share of the locality's concurrency, {@code slo} is 1 while TTFT p95 meets the SLO and
 * falls with the square of the overshoot, and {@code costFactor} takes up to
 * {@code costSensitivity} off the most expensive locality. The 0.1 floor keeps a saturated but
 * healthy locality in play: weight 0 for it would swing all traffic away and back.
 */
final class LocalityScore {

  private static final double HEADROOM_FLOOR = 0.1;
  private static final double SLO_FLOOR = 0.05;

  private LocalityScore() {}

  static double of(LocalityTelemetry t, double maxCost, double costSensitivity) {
    return capacity(t) * slo(t) * (1 - t.errorRate()) * cost(t, maxCost, costSensitivity);
  }

  /** Concurrency weighted by headroom; endpoints without a stated capacity count one slot each. */
  static double capacity(LocalityTelemetry t) {
    double slots = t.capacity() > 0 ? t.capacity() : t.healthyEndpoints();
    double load = (double) t.inFlight() + t.queued();
    double headroom = Math.max(0, Math.min(1, (slots - load) / slots));
    return slots * (HEADROOM_FLOOR + (1 - HEADROOM_FLOOR) * headroom);
  }

  /** 1 within the SLO; 1/r² for a p95 r times the SLO, floored so a slow locality keeps a trickle. */
  static double slo(LocalityTelemetry t) {
    if (t.slo() == null || t.ttftP95Nanos() < 0) {
      return 1;
    }
    double ratio = t.ttftP95Nanos() / (double) t.slo().toNanos();
    return ratio <= 1 ? 1 : Math.max(SLO_FLOOR, 1 / (ratio * ratio));
  }

  static double cost(LocalityTelemetry t, double maxCost, double costSensitivity) {
    return maxCost > 0 ? 1 - costSensitivity * t.costPerMillionTokens() / maxCost : 1;
  }
}
