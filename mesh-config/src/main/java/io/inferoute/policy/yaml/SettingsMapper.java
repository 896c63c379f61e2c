package io.inferoute.policy.yaml;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.RttTable;
import io.inferoute.policy.TelemetrySettings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Maps the fleet-wide settings: {@code localities.rtt}, {@code breaker}, {@code telemetry}. */
final class SettingsMapper {
  static final List<String> LOCALITIES = List.of("rtt");
  static final List<String> RTT = List.of("sameZone", "sameRegion", "remote");
  static final List<String> BREAKER = List.of("consecutive5xx", "consecutiveGatewayFailures",
      "interval", "failureRate", "failureRateMinimumRequests", "baseEjectionTime",
      "maxEjectionTime", "maxEjection", "halfOpenTrialRequests", "healthyPanicThreshold");
  static final List<String> TELEMETRY = List.of("windowInterval", "windowIntervals", "loadReportMaxAge");

  private final NodeReader r;

  SettingsMapper(NodeReader r) {
    this.r = r;
  }

  RttTable rtt(Fields spec) {
    Fields localities = r.mapping(spec, "localities", LOCALITIES);
    Fields f = localities == null ? null : r.mapping(localities, "rtt", RTT);
    if (f == null) {
      return RttTable.DEFAULT;
    }
    RttTable d = RttTable.DEFAULT;
    return new RttTable(or(r.duration(f, "sameZone", true), d.sameZone()),
        or(r.duration(f, "sameRegion", true), d.sameRegion()),
        or(r.duration(f, "remote", true), d.remote()));
  }

  @Nullable BreakerSettings breaker(Fields spec) {
    Fields f = r.mapping(spec, "breaker", BREAKER);
    BreakerSettings d = BreakerSettings.DEFAULT;
    if (f == null) {
      return d;
    }
    int before = r.problems().errorCount();
    int consecutive5xx = or(r.integer(f, "consecutive5xx", 0, 1_000_000), d.consecutive5xx());
    int gateway = or(r.integer(f, "consecutiveGatewayFailures", 0, 1_000_000), d.consecutiveGatewayFailures());
    Duration interval = or(r.duration(f, "interval", false), d.interval());
    int failureRate = or(r.percent(f, "failureRate"), d.failureRatePercent());
    int minRequests = or(r.integer(f, "failureRateMinimumRequests", 1, 1_000_000), d.failureRateMinimumRequests());
    Duration base = or(r.duration(f, "baseEjectionTime", false), d.baseEjectionTime());
    Duration max = or(r.duration(f, "maxEjectionTime", false), d.maxEjectionTime());
    int maxEjection = or(r.percent(f, "maxEjection"), d.maxEjectionPercent());
    int trials = or(r.integer(f, "halfOpenTrialRequests", 1, 1_000_000), d.halfOpenTrialRequests());
    int panic = or(r.percent(f, "healthyPanicThreshold"), d.healthyPanicThresholdPercent());
    if (max.compareTo(base) < 0) {
      r.problems().error(f.has("maxEjectionTime") ? f.get("maxEjectionTime") : f.node(),
          f.path("maxEjectionTime"), Units.format(max)
              + " is shorter than baseEjectionTime " + Units.format(base) + " (expected: >= baseEjectionTime)");
    }
    if (r.problems().errorCount() > before) {
      return null;
    }
    return Build.at(r, f.node(), f.path(), () -> new BreakerSettings(consecutive5xx, gateway,
        interval, failureRate, minRequests, base, max, maxEjection, trials, panic));
  }

  TelemetrySettings telemetry(Fields spec) {
    Fields f = r.mapping(spec, "telemetry", TELEMETRY);
    TelemetrySettings d = TelemetrySettings.DEFAULT;
    if (f == null) {
      return d;
    }
    return new TelemetrySettings(or(r.duration(f, "windowInterval", false), d.windowInterval()),
        or(r.integer(f, "windowIntervals", 1, 1_000), d.windowIntervals()),
        or(r.duration(f, "loadReportMaxAge", false), d.loadReportMaxAge()));
  }

  private static <T> T or(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }
}
