package io.inferoute.http;

import io.inferoute.policy.HostPort;
import io.inferoute.policy.Locality;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.time.Ticker;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
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
  private static final int MAX_ADDRESSES = 4_096;

  private final String decisionPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
  private final ConcurrentHashMap<HostPort, SocketAddress> addresses = new ConcurrentHashMap<>();
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

  /**
   * The connect address of {@code endpoint}, made once per address rather than once per request.
   * Bounded: a policy reload that changes addresses again and again starts the cache afresh.
   */
  SocketAddress address(HostPort endpoint) {
    SocketAddress a = addresses.get(endpoint);
    if (a == null) {
      if (addresses.size() >= MAX_ADDRESSES) {
        addresses.clear();
      }
      a = SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host());
      addresses.put(endpoint, a);
    }
    return a;
  }

  /** A decision id unique within this gateway and unlikely to repeat across replicas. */
  String nextDecisionId() {
    return decisionPrefix.concat(Long.toHexString(decisions.incrementAndGet()));
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
