package io.inferoute.http;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.RoutingEngine;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The standalone OpenAI-compatible streaming HTTP gateway: {@code POST /v1/chat/completions},
 * {@code /v1/completions}, {@code /v1/embeddings} and any other path with a JSON body naming a
 * model are placed by the {@link RoutingEngine} and forwarded to the chosen endpoint; {@code GET
 * /v1/models} is answered from the fleet.
 *
 * <p>It runs on a Vert.x instance of its own, one server instance and one upstream client per
 * event loop (HTTP/1.1 and h2c in front; HTTP/1.1 keep-alive, or h2c when configured, behind).
 * {@link #start} and {@link #close} block: call them from a main thread or a test, never from an
 * event loop.
 */
public final class HttpGateway implements AutoCloseable {
  private static final long LIFECYCLE_TIMEOUT_SECONDS = 10;
  private static final int MAX_SPREAD_ATTEMPTS = 8;
  private static final System.Logger LOG = System.getLogger(HttpGateway.class.getName());

  private final Vertx vertx;
  private final GatewayState state;
  private final int port;

  private HttpGateway(Vertx vertx, GatewayState state, int port) {
    this.vertx = vertx;
    this.state = state;
    this.port = port;
  }

  /**
   * Starts listening and returns once every event loop accepts connections.
   *
   * @throws IllegalStateException when the port cannot be bound (nothing is left running)
   */
  public static HttpGateway start(RoutingEngine engine, HttpGatewaySettings settings) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(settings, "settings");
    // Linux's epoll where the native library loads (it ships for linux-x86_64), Java NIO elsewhere:
    // fewer system calls and wake-ups per request (docs/benchmarks.md, "Native transport").
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops())
        .setPreferNativeTransport(true));
    if (!vertx.isNativeTransportEnabled()) {
      LOG.log(System.Logger.Level.INFO, "http gateway: Java NIO transport (native transport: "
          + vertx.unavailableNativeTransportCause() + ")");
    }
    GatewayState state = new GatewayState(vertx, engine, settings);
    try {
      return new HttpGateway(vertx, state, listen(vertx, state));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /**
   * Deploys one instance per event loop on one port: Vert.x shares the listening socket among
   * instances that ask for the same port, so each connection lives on one loop with its own pools.
   * Port 0 would give each instance a port of its own, so a free port is picked first (retried if
   * another process takes it in between).
   */
  private static int listen(Vertx vertx, GatewayState state) {
    HttpGatewaySettings settings = state.settings;
    for (int attempt = 1; ; attempt++) {
      int port = settings.port() != 0 ? settings.port() : freePort(settings.host());
      try {
        deploySpread(vertx, state, port);
        return port;
      } catch (IllegalStateException e) {
        if (settings.port() != 0 || attempt == 3 || !(e.getCause() instanceof java.net.BindException)) {
          throw e;
        }
      }
    }
  }

  /**
   * Deploys the instances so that each runs on its own event loop. Vert.x gives each instance the
   * next loop of its group, but an instance that starts while the next one is being placed can
   * take a loop itself (creating its clients), and then two instances share one thread while
   * another loop idles: half the gateway's capacity, seen in about one start in three on 2 cores.
   * So the spread is checked, and a deployment that shares a loop is undone and done again.
   */
  private static void deploySpread(Vertx vertx, GatewayState state, int port) {
    HttpGatewaySettings settings = state.settings;
    for (int attempt = 1; ; attempt++) {
      state.eventLoops.clear();
      String id = await(vertx.deployVerticle(() -> new GatewayVerticle(state, port),
          new DeploymentOptions().setInstances(settings.eventLoops())),
          "listen on " + settings.host() + ":" + port);
      int loops = state.eventLoops.size();
      if (loops == settings.eventLoops()) {
        return;
      }
      if (attempt == MAX_SPREAD_ATTEMPTS) {
        LOG.log(System.Logger.Level.WARNING, "http gateway: " + settings.eventLoops()
            + " instances run on only " + loops + " event loop(s) after " + attempt + " deployments");
        return;
      }
      await(vertx.undeploy(id), "undeploy instances sharing an event loop");
    }
  }

  private static int freePort(String host) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("http gateway: no free port on " + host + ": " + e, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Whether its connections run on the native (epoll) transport rather than Java NIO. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  /** The settings it runs with. */
  public HttpGatewaySettings settings() {
    return state.settings;
  }

  /** Its counters now. */
  public HttpGatewayStats stats() {
    return state.counters.snapshot();
  }

  /** Requests in progress in the gateway (body being read, waiting, or being answered). */
  public int activeRequests() {
    return state.counters.active.get();
  }

  /** Requests the gateway has in flight at endpoints, summed over the engine's fleet. */
  public int endpointInFlight() {
    int sum = 0;
    for (Endpoint e : state.engine.fleet().endpoints()) {
      sum += e.telemetry().inFlight();
    }
    return sum;
  }

  /** Bytes handed to client connections and not yet flushed to their sockets. */
  long queuedResponseBytes() {
    return state.counters.queuedBytes();
  }

  /** The most bytes ever queued towards clients at once. */
  long peakQueuedResponseBytes() {
    return state.counters.peakQueuedBytes();
  }

  /** Times an upstream response was paused because its client could not keep up. */
  long upstreamPauses() {
    return state.counters.upstreamPauses.sum();
  }

  /** The event-loop threads that run this gateway's exchanges. */
  Set<Thread> eventLoopThreads() {
    return Set.copyOf(state.eventLoops);
  }

  /** Requests retrying now. */
  int activeRetries() {
    return state.retryBudget.active();
  }

  /** Stops listening, drops open connections and waits for the event loops to stop. */
  @Override
  public void close() {
    await(vertx.close(), "close");
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(LIFECYCLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("http gateway: " + what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("http gateway: " + what + " took over "
          + LIFECYCLE_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("http gateway: interrupted during " + what, e);
    }
  }
}
