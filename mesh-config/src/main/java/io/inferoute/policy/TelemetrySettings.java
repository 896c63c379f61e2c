package io.inferoute.policy;

import io.inferoute.internal.Checks;
import java.time.Duration;

/**
 * How live measurements are kept.
 *
 * @param windowInterval length of one histogram interval
 * @param windowIntervals intervals in the sliding window (default 6 × 10 s = one minute)
 * @param loadReportMaxAge an externally reported load older than this counts as unknown
 */
public record TelemetrySettings(Duration windowInterval, int windowIntervals, Duration loadReportMaxAge) {
  public static final TelemetrySettings DEFAULT =
      new TelemetrySettings(Duration.ofSeconds(10), 6, Duration.ofSeconds(5));

  public TelemetrySettings {
    Checks.positive("telemetry.windowInterval", windowInterval);
    Checks.between("telemetry.windowIntervals", windowIntervals, 1, 1_000);
    Checks.positive("telemetry.loadReportMaxAge", loadReportMaxAge);
  }
}
