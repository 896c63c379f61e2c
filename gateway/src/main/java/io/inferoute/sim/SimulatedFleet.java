package io.inferoute.sim;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.RoutingPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Several simulated servers in one JVM, on one Vert.x instance of their own; started together and
 * stopped together. The blocking {@link #start} and {@link #close} are for main threads and tests,
 * never for an event loop.
 */
public final class SimulatedFleet implements AutoCloseable {
  /** Network delay per tier when a policy does not say: edge 2 ms, regional 10 ms, cloud 80 ms. */
  public static final Map<String, Duration> DEFAULT_TIER_DELAYS = Map.of(
      "edge-gpu", Duration.ofMillis(2),
      "regional-npu", Duration.ofMillis(10),
      "cloud", Duration.ofMillis(80));

  private static final long START_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final Map<String, SimulatedServer> servers;

  private SimulatedFleet(Vertx vertx, Map<String, SimulatedServer> servers) {
    this.vertx = vertx;
    this.servers = servers;
  }

  /**
   * Starts one server per endpoint and waits until all listen.
   *
   * @throws IllegalArgumentException when two endpoints share a name
   * @throws IllegalStateException when a server cannot listen (all are stopped again)
   */
  public static SimulatedFleet start(List<SimulatedEndpoint> endpoints) {
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(Math.max(1, Math.min(endpoints.size(), 2 * Runtime.getRuntime().availableProcessors()))));
    Map<String, SimulatedServer> servers = new LinkedHashMap<>();
    SimulatedFleet fleet = new SimulatedFleet(vertx, servers);
    try {
      for (SimulatedEndpoint endpoint : endpoints) {
        if (servers.put(endpoint.name(), SimulatedServer.create(vertx, endpoint)) != null) {
          throw new IllegalArgumentException(
              "endpoints: \"" + endpoint.name() + "\" appears twice (expected: unique names)");
        }
      }
      await(CompletableFuture.allOf(servers.values().stream()
          .map(SimulatedServer::start).toArray(CompletableFuture[]::new)), "start");
      return fleet;
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /** Starts the endpoints of {@code policy} with {@link #DEFAULT_TIER_DELAYS}; see {@link #endpointsOf}. */
  public static SimulatedFleet startFor(RoutingPolicy policy, double speedUp) {
    return start(endpointsOf(policy, DEFAULT_TIER_DELAYS, speedUp));
  }

  /**
   * One simulated endpoint per endpoint of {@code policy}: the port of its address (always bound
   * on 127.0.0.1), its models, speeds, concurrency and queue limits, and the delay of its tier.
   *
   * @throws IllegalArgumentException when a tier has no delay in {@code tierDelays}
   */
  public static List<SimulatedEndpoint> endpointsOf(
      RoutingPolicy policy, Map<String, Duration> tierDelays, double speedUp) {
    List<SimulatedEndpoint> endpoints = new ArrayList<>();
    for (EndpointSpec spec : policy.endpoints()) {
      Duration delay = tierDelays.get(spec.tier());
      if (delay == null) {
        throw new IllegalArgumentException("tierDelays: no delay for tier \"" + spec.tier()
            + "\" of endpoint " + spec.name() + " (expected one of: " + tierDelays.keySet() + ")");
      }
      endpoints.add(SimulatedEndpoint.builder(spec.name())
          .port(spec.address().port())
          .models(spec.models().toArray(String[]::new))
          .tierDelay(delay)
          .speeds(spec.prefillTokensPerSecond(), spec.decodeTokensPerSecond())
          .maxConcurrency(spec.maxConcurrency())
          .maxQueue(spec.maxQueue())
          .speedUp(speedUp)
          .build());
    }
    return endpoints;
  }

  /**
   * The server named {@code name}.
   *
   * @throws IllegalArgumentException when there is none
   */
  public SimulatedServer server(String name) {
    SimulatedServer server = servers.get(name);
    if (server == null) {
      throw new IllegalArgumentException("server: \"" + name + "\" (expected one of: " + servers.keySet() + ")");
    }
    return server;
  }

  /** All servers, in the order they were given. */
  public List<SimulatedServer> servers() {
    return List.copyOf(servers.values());
  }

  /** Stops every server and the fleet's Vert.x instance; waits for both. */
  @Override
  public void close() {
    try {
      await(CompletableFuture.allOf(servers.values().stream()
          .map(SimulatedServer::stop).toArray(CompletableFuture[]::new)), "stop");
    } finally {
      await(vertx.close().toCompletionStage().toCompletableFuture(), "close");
    }
  }

  private static void await(CompletableFuture<?> future, String what) {
    try {
      future.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulated fleet: " + what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("simulated fleet: " + what + " took over " + START_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulated fleet: interrupted during " + what, e);
    }
  }
}
