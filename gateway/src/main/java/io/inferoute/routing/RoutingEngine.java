package io.inferoute.routing;

import io.inferoute.affinity.PrefixAffinityIndex;
import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.endpoint.EndpointRegistry;
import io.inferoute.endpoint.Fleet;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.telemetry.EndpointTelemetry;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.TelemetryHarvester;
import io.inferoute.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The routing engine: the one API the ext_proc server, the HTTP gateway and the CLI call.
 *
 * <p>Decisions read one immutable compiled snapshot (policy + fleet) through a volatile field, so
 * a request in flight finishes on the snapshot it started with while {@link #apply} swaps in a new
 * one. Live endpoint state (histograms, in-flight, breakers, affinity) belongs to the endpoints and
 * survives swaps for endpoints that stay.
 *
 * <p>Life of a request: {@link #decide} → {@link #dispatched} for the endpoint actually used (it may
 * be a fallback) → {@link #completed} with what came back.
 */
public final class RoutingEngine implements AutoCloseable {
  /** Index bound: (block, endpoint) entries across the fleet. */
  public static final int DEFAULT_AFFINITY_ENTRIES = 1 << 20;

  /**
   * Blocks each endpoint is assumed to hold until a KV-cache size is configured: 16,384 blocks of
   * 64 characters ≈ 1M characters ≈ 256K tokens.
   */
  public static final int DEFAULT_ENDPOINT_CACHE_BLOCKS = 16_384;

  private static final System.Logger LOG = System.getLogger(RoutingEngine.class.getName());

  private final Ticker ticker;
  private final EndpointRegistry registry;
  private final PrefixAffinityIndex affinity;
  private final PlacementPipeline pipeline;
  private final @Nullable TelemetryHarvester harvester;
  private final Object applyLock = new Object();
  private volatile CompiledPolicy compiled;
  private volatile @Nullable DecisionObserver observer;

  private RoutingEngine(RoutingPolicy policy, Ticker ticker, boolean startHarvester) {
    this.ticker = ticker;
    this.registry = new EndpointRegistry(policy.telemetry(), policy.breaker(), ticker);
    this.affinity = PrefixAffinityIndex.create(DEFAULT_AFFINITY_ENTRIES);
    this.pipeline = new PlacementPipeline(affinity, ticker);
    registry.onRemoval(e -> affinity.removeEndpoint(e.id()));
    this.compiled = compile(policy);
    this.harvester = startHarvester
        ? TelemetryHarvester.start(policy.telemetry().windowInterval(), this::telemetries)
        : null;
  }

  /** An engine on the system clock with its telemetry harvester thread running. */
  public static RoutingEngine start(RoutingPolicy policy) {
    return new RoutingEngine(policy, Ticker.systemTicker(), true);
  }

  /**
   * An engine on the given clock without a harvester thread: the caller rotates telemetry with
   * {@link #harvestNow()}. For tests, benchmarks and one-shot commands.
   */
  public static RoutingEngine create(RoutingPolicy policy, Ticker ticker) {
    return new RoutingEngine(policy, ticker, false);
  }

  /** Places a request, recording its prefix for the chosen endpoint. Never null, never throws. */
  public Decision decide(RoutingRequest request) {
    DecisionObserver o = observer;
    if (o == null) {
      return pipeline.decide(compiled, request, true, null);
    }
    long start = ticker.read();
    Decision decision = pipeline.decide(compiled, request, true, null);
    long duration = ticker.read() - start;
    try {
      o.onDecision(decision, duration);
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.WARNING, "decision observer failed", t);
    }
    return decision;
  }

  /** Sets the one observer of decisions (metrics), or null for none; decisions without one read no clock. */
  public void observeDecisions(@Nullable DecisionObserver observer) {
    this.observer = observer;
  }

  /** Places a request as {@link #decide} would, without recording anything, and says why. */
  public Explanation explain(RoutingRequest request) {
    CompiledPolicy snapshot = compiled;
    ExplainSink sink = new ExplainSink();
    Decision decision = pipeline.decide(snapshot, request, false, sink);
    return sink.build(snapshot.route(request), request, decision);
  }

  /**
   * Swaps in a new policy: the fleet is updated (live state carried over by endpoint name), the
   * policy compiled against it, and published in one volatile write.
   */
  public void apply(RoutingPolicy policy) {
    synchronized (applyLock) {
      compiled = compile(policy);
    }
  }

  private CompiledPolicy compile(RoutingPolicy policy) {
    Fleet fleet = registry.update(policy.endpoints(), policy.telemetry(), policy.breaker());
    for (Endpoint e : fleet.endpoints()) {
      affinity.setCapacity(e.id(), DEFAULT_ENDPOINT_CACHE_BLOCKS);
    }
    return new CompiledPolicy(policy, fleet);
  }

  /** The active policy. */
  public RoutingPolicy policy() {
    return compiled.policy;
  }

  /** The active fleet snapshot. */
  public Fleet fleet() {
    return compiled.fleet;
  }

  /** The prefix-affinity index, for metrics and tests. */
  public PrefixAffinityIndex affinity() {
    return affinity;
  }

  /**
   * A request is being sent to {@code endpoint}: counts it in flight and, when the breaker is
   * half-open, takes a trial permit.
   *
   * @return false when the breaker refuses (no trial permit left); nothing is counted then and
   *     the caller should use its next fallback
   */
  public boolean dispatched(Endpoint endpoint) {
    if (!endpoint.breaker().tryDispatch()) {
      return false;
    }
    endpoint.telemetry().acquire();
    return true;
  }

  /**
   * A dispatched request ended with nothing known about the endpoint (the client or the proxy went
   * away before any response): releases its in-flight slot without feeding latency or the breaker.
   * A half-open breaker's trial permit it took is not returned here; the breaker hands out lost
   * trials again after its base ejection time.
   */
  public void abandoned(Endpoint endpoint) {
    endpoint.telemetry().release();
  }

  /** A dispatched request ended: releases its slot and feeds latency, counters and the breaker. */
  public void completed(Endpoint endpoint, Completion completion) {
    EndpointTelemetry t = endpoint.telemetry();
    t.release();
    if (completion.ttftNanos() >= 0) {
      t.record(LatencyMetric.TTFT, completion.ttftNanos());
      if (completion.outputTokens() > 1 && completion.totalNanos() > completion.ttftNanos()) {
        t.record(LatencyMetric.TIME_PER_OUTPUT_TOKEN,
            (completion.totalNanos() - completion.ttftNanos()) / (completion.outputTokens() - 1));
      }
    }
    boolean failure = completion.outcome() != Outcome.SUCCESS;
    if (!failure) {
      t.record(LatencyMetric.END_TO_END, completion.totalNanos());
    }
    t.countResult(failure);
    endpoint.breaker().onOutcome(completion.outcome());
  }

  /** Rotates every endpoint's latency windows now (the harvester does this on its interval). */
  public void harvestNow() {
    for (EndpointTelemetry t : telemetries()) {
      t.harvest();
    }
  }

  private List<EndpointTelemetry> telemetries() {
    List<Endpoint> endpoints = compiled.fleet.endpoints();
    List<EndpointTelemetry> out = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      out.add(e.telemetry());
    }
    return out;
  }

  /** The engine's clock. */
  public Ticker ticker() {
    return ticker;
  }

  /** Stops the harvester thread, if any. */
  @Override
  public void close() {
    if (harvester != null) {
      harvester.close();
    }
  }
}
