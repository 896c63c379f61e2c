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

/** The live state of every endpoint, as the JSON of {@code GET /admin/endpoints}. */
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
      m.put("inFlight", e.telemetry().inFlight());
      m.put("breaker", e.breaker().state().name().toLowerCase(Locale.ROOT));
      m.put("ejections", e.breaker().ejections());
      LoadReport load = e.telemetry().freshLoad();
      m.put("load", load == null ? null : Map.of(
          "queueDepth", load.queueDepth(), "running", load.running(),
          "kvCacheUsage", load.kvCacheUsage(), "ageMs", (now - load.receivedAtNanos()) / 1_000_000));
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
