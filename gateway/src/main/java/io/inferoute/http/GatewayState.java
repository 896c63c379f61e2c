package io.inferoute.http;

import io.inferoute.policy.Locality;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.time.Ticker;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What every exchange of one gateway shares: engine, settings, counters, budget, queue. */
final class GatewayState {
  final Vertx vertx;
  final RoutingEngine engine;
  final HttpGatewaySettings settings;
  final Ticker ticker;
  final GatewayCounters counters = new GatewayCounters();
  final RetryBudget retryBudget;
  final WaitQueue waitQueue;
  final RouteTable routes;
  final InferenceBodyParser parser;
  /** The event-loop threads serving this gateway, so tests can count what they allocate. */
  final Set<Thread> eventLoops = ConcurrentHashMap.newKeySet();
  private final long decisionBase = ThreadLocalRandom.current().nextLong() >>> 16;
  private final AtomicLong decisions = new AtomicLong();

  GatewayState(Vertx vertx, RoutingEngine engine, HttpGatewaySettings settings) {
    this.vertx = vertx;
    this.engine = engine;
    this.settings = settings;
    this.ticker = engine.ticker();
    this.retryBudget = new RetryBudget(
        settings.retryBudgetPercent(), settings.minRetryConcurrency(), counters.active);
    this.waitQueue = new WaitQueue(settings.interactiveQueueSize());
    this.routes = new RouteTable(engine::policy, settings.defaultTimeout());
    this.parser = new InferenceBodyParser(settings.maxPromptChars());
  }

  /** A decision id unique within this gateway and unlikely to repeat across replicas. */
  String nextDecisionId() {
    return Long.toHexString(decisionBase) + "-" + Long.toHexString(decisions.incrementAndGet());
  }

  /** The origin named by the edge proxy's header, or the default when absent or invalid. */
  Locality origin(@Nullable String header) {
    if (header == null || header.isEmpty()) {
      return settings.defaultOrigin();
    }
    try {
      return Locality.parse(header.trim());
    } catch (IllegalArgumentException e) {
      return settings.defaultOrigin();
    }
  }
}
