package io.inferoute.admin;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.LatencySnapshot;
import io.inferoute.telemetry.LoadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The live state of every endpoint, as the JSON of {@code GET /admin/endpoints}. {@code load} holds
 * the last fresh report as sent ({@code queueDepth}, {@code running}, {@code kvCacheUsage}, {@code
 * ageMs}) and the estimates decisions route on ({@code waitingNow}, {@code outstandingNow}: the
 * report plus this router's sends since, less what it saw finish; -1 without a queue depth).
 */
final class EndpointsView {
  private EndpointsView() {}

  static List<Map<String, Object>> of(RoutingEngine engine) {
    List<Map<String, Object>> out = new ArrayList<>();
    long now = engine.ticker().read();
    for (Endpoint e : engine.fleet().endpoints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("address", e.address());
      m.put("tier", e.spec().tier());
      m.put("locality", e.spec().locality().toString());
      m.put("models", e.spec().models());
      m.put("maxConcurrency", e.spec().maxConcurrency());
      int inFlight = e.telemetry().inFlight();
      m.put("inFlight", inFlight);
      m.put("breaker", e.breaker().state().name().toLowerCase(Locale.ROOT));
      m.put("ejections", e.breaker().ejections());
      m.put("load", load(e.telemetry().freshLoad(now), inFlight, e.spec().maxConcurrency(), now));
      Map<String, Object> latency = new LinkedHashMap<>();
      for (LatencyMetric metric : LatencyMetric.values()) {
        latency.put(metric.name().toLowerCase(Locale.ROOT), latency(e.telemetry().latency(metric)));
      }
      m.put("latencyMs", latency);
      var stats = e.telemetry().stats();
      m.put("requests", stats.requests());
      m.put("failures", stats.failures());
      out.add(m);
    }
    return out;
  }

  /**
   * The last fresh report as the server sent it, and what the router makes of it now: the report
   * brought forward by what this router sent since less what it saw finish, as decisions use it.
   */
  private static @Nullable Map<String, Object> load(@Nullable LoadReport load, int inFlight,
      int maxConcurrency, long now) {
    if (load == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queueDepth", load.queueDepth());
    m.put("running", load.running());
    m.put("kvCacheUsage", load.kvCacheUsage());
    m.put("ageMs", (now - load.receivedAtNanos()) / 1_000_000);
    m.put("waitingNow", load.waitingNow(inFlight, maxConcurrency));
    m.put("outstandingNow", load.outstandingNow(inFlight));
    return m;
  }

  private static Map<String, Object> latency(LatencySnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    if (s.known()) {
      m.put("p50", s.p50Nanos() / 1e6);
      m.put("p90", s.p90Nanos() / 1e6);
      m.put("p95", s.p95Nanos() / 1e6);
      m.put("p99", s.p99Nanos() / 1e6);
    }
    return m;
  }
}
