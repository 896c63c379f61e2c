package io.inferoute.admin;

import io.inferoute.breaker.BreakerState;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.PolicyReloader;
import io.inferoute.policy.ReloadOutcome;
import io.inferoute.routing.Decision;
import io.inferoute.routing.DecisionObserver;
import io.inferoute.routing.Placement;
import io.inferoute.routing.Rejection;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.LatencySnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Exports the engine's state as Prometheus metrics, read when scraped; the request path only
 * records the decision timer and one counter.
 *
 * <p>Per-endpoint meters look their endpoint up by name in the current fleet at scrape time, so
 * they follow live state across reloads; {@link #refresh()} (after a reload) removes the meters of
 * endpoints that left and adds those of endpoints that joined.
 */
public final class EngineMetrics implements DecisionObserver {
  private static final double[] QUANTILES = {0.5, 0.9, 0.99};

  private final RoutingEngine engine;
  private final MeterRegistry registry;
  private final Timer decisionDuration;
  private final Map<String, Map<String, Counter>> decisionCounters = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> endpointMeters = new HashMap<>();

  public EngineMetrics(RoutingEngine engine, MeterRegistry registry) {
    this.engine = engine;
    this.registry = registry;
    this.decisionDuration = Timer.builder("inferoute.decision.duration")
        .description("Time to make one routing decision")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(500))
        .maximumExpectedValue(Duration.ofMillis(10))
        .register(registry);
    FunctionCounter.builder("inferoute.affinity.lookups", engine,
            e -> e.affinity().stats().lookups())
        .description("Prefix-affinity lookups").register(registry);
    FunctionCounter.builder("inferoute.affinity.hits", engine, e -> e.affinity().stats().hits())
        .description("Prefix-affinity lookups that found a cached prefix").register(registry);
    Gauge.builder("inferoute.affinity.entries", engine, e -> e.affinity().size())
        .description("(block, endpoint) entries in the prefix-affinity index").register(registry);
    refresh();
  }

  /** Exports the reloader's counts as {@code inferoute_policy_reload_total{result=…}}. */
  public void bindReloader(PolicyReloader reloader) {
    for (ReloadOutcome outcome : ReloadOutcome.values()) {
      FunctionCounter.builder("inferoute.policy.reload", reloader, r -> r.count(outcome))
          .tags("result", outcome.label())
          .description("Policy reloads by result").register(registry);
    }
  }

  /** Brings the per-endpoint meters in line with the current fleet. Not thread-safe with itself. */
  public synchronized void refresh() {
    Set<String> current = new HashSet<>();
    for (Endpoint e : engine.fleet().endpoints()) {
      current.add(e.name());
      endpointMeters.computeIfAbsent(e.name(), n -> register(e));
    }
    for (String gone : new ArrayList<>(endpointMeters.keySet())) {
      if (!current.contains(gone)) {
        endpointMeters.remove(gone).forEach(registry::remove);
      }
    }
  }

  private List<Meter> register(Endpoint endpoint) {
    String name = endpoint.name();
    Tags tags = Tags.of("endpoint", name, "tier", endpoint.spec().tier());
    List<Meter> meters = new ArrayList<>();
    meters.add(gauge("inferoute.endpoint.in.flight", tags, name, e -> e.telemetry().inFlight(),
        "Requests the router has in flight at the endpoint"));
    for (BreakerState state : BreakerState.values()) {
      meters.add(gauge("inferoute.endpoint.breaker.state", tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT)),
          name, e -> e.breaker().state() == state ? 1 : 0, "1 for the breaker's current state"));
    }
    meters.add(FunctionCounter.builder("inferoute.endpoint.requests", this,
            m -> m.stat(name, true)).tags(tags.and("result", "success"))
        .description("Completed requests by result").register(registry));
    meters.add(FunctionCounter.builder("inferoute.endpoint.requests", this,
            m -> m.stat(name, false)).tags(tags.and("result", "failure"))
        .description("Completed requests by result").register(registry));
    for (LatencyMetric metric : LatencyMetric.values()) {
      for (double q : QUANTILES) {
        meters.add(gauge("inferoute.endpoint.latency.seconds",
            tags.and("metric", metric.name().toLowerCase(java.util.Locale.ROOT)).and("quantile", Double.toString(q)),
            name, e -> quantileSeconds(e.telemetry().latency(metric), q),
            "Latency over the sliding window, by metric and quantile"));
      }
    }
    meters.add(gauge("inferoute.endpoint.load.report.age.seconds", tags, name, this::reportAge,
        "Age of the endpoint's reported load; NaN when none is fresh"));
    return meters;
  }

  private Meter gauge(String metric, Tags tags, String endpoint, ToDoubleFunction<Endpoint> f,
      String description) {
    return Gauge.builder(metric, this, m -> {
      Endpoint e = m.engine.fleet().byName(endpoint);
      return e == null ? Double.NaN : f.applyAsDouble(e);
    }).tags(tags).description(description).register(registry);
  }

  private double stat(String endpoint, boolean success) {
    Endpoint e = engine.fleet().byName(endpoint);
    if (e == null) {
      return 0;
    }
    var s = e.telemetry().stats();
    return success ? s.requests() - s.failures() : s.failures();
  }

  private double reportAge(Endpoint e) {
    var load = e.telemetry().freshLoad();
    return load == null ? Double.NaN
        : (engine.ticker().read() - load.receivedAtNanos()) / 1e9;
  }

  private static double quantileSeconds(LatencySnapshot s, double q) {
    if (!s.known()) {
      return Double.NaN;
    }
    long nanos = q == 0.5 ? s.p50Nanos() : q == 0.9 ? s.p90Nanos() : s.p99Nanos();
    return nanos / 1e9;
  }

  @Override
  public void onDecision(Decision decision, long durationNanos) {
    decisionDuration.record(durationNanos, TimeUnit.NANOSECONDS);
    String outcome = decision instanceof Placement p
        ? (p.degraded() ? "degraded" : "placed")
        : ((Rejection) decision).reason().metricLabel();
    Map<String, Counter> byOutcome = decisionCounters.get(decision.route());
    if (byOutcome == null) {
      byOutcome = decisionCounters.computeIfAbsent(decision.route(), r -> new ConcurrentHashMap<>());
    }
    Counter counter = byOutcome.get(outcome);
    if (counter == null) {
      counter = byOutcome.computeIfAbsent(outcome, o -> Counter.builder("inferoute.decisions")
          .description("Routing decisions by route and outcome")
          .tags("route", decision.route(), "outcome", o).register(registry));
    }
    counter.increment();
  }
}
