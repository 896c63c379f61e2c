package io.inferoute.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.inferoute.routing.RoutingEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Inferoute's Envoy external processor: a gRPC server with the {@code ExternalProcessor} service
 * and the standard health service.
 *
 * <p>Health answers for {@code ""}, {@code liveness}, {@code readiness} and
 * {@code envoy.service.ext_proc.v3.ExternalProcessor} (the name Envoy's gRPC health check asks
 * for). Handlers never block, so they run on the transport's event loops without a thread hop.
 * {@link #stop()} drains: readiness goes NOT_SERVING so Envoy's health check takes this replica
 * out, streams in flight finish up to the drain deadline, then the server stops.
 */
public final class ExtProcServer implements AutoCloseable {
  /** The service name Envoy's {@code grpc_health_check} asks for. */
  public static final String SERVICE_NAME = ExternalProcessorGrpc.SERVICE_NAME;
  private static final List<String> DRAINED = List.of("", "readiness", SERVICE_NAME);

  private final Server server;
  private final HealthStatusManager health;
  private final EndpointPicker picker;
  private final ExtProcSettings settings;

  private ExtProcServer(Server server, HealthStatusManager health, EndpointPicker picker,
      ExtProcSettings settings) {
    this.server = server;
    this.health = health;
    this.picker = picker;
    this.settings = settings;
  }

  /**
   * Starts serving {@code engine} as configured.
   *
   * @throws UncheckedIOException when the port cannot be bound or a TLS file cannot be read
   */
  public static ExtProcServer start(RoutingEngine engine, ExtProcSettings settings) {
    EndpointPicker picker = new EndpointPicker(engine, settings);
    HealthStatusManager health = new HealthStatusManager();
    Server server = NettyServerBuilder
        .forAddress(new InetSocketAddress(settings.host(), settings.port()), credentials(settings))
        .directExecutor()
        // Envoy sends a BUFFERED body in one message: leave room to answer 413 rather than fail
        // the stream for bodies up to twice the limit.
        .maxInboundMessageSize(maxMessage(settings.bodyLimitBytes()))
        .permitKeepAliveTime(5, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .addService(picker)
        .addService(health.getHealthService())
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("extproc: cannot listen on " + settings.host() + ":"
          + settings.port() + " (" + e.getMessage() + ")", e);
    }
    for (String name : List.of("", "liveness", "readiness", SERVICE_NAME)) {
      health.setStatus(name, ServingStatus.SERVING);
    }
    return new ExtProcServer(server, health, picker, settings);
  }

  /**
   * The {@code ExternalProcessor} service alone, without a server: for embedding it in another
   * gRPC server, or for driving {@code process} directly (the server-only benchmark does).
   */
  public static ExternalProcessorGrpc.ExternalProcessorImplBase service(RoutingEngine engine,
      ExtProcSettings settings) {
    return new EndpointPicker(engine, settings);
  }

  static int maxMessage(int bodyLimit) {
    long room = Math.max(2L * bodyLimit, bodyLimit + (1L << 20)) + (64 << 10);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(room, 8L << 20));
  }

  private static ServerCredentials credentials(ExtProcSettings s) {
    if (s.certChain() == null || s.privateKey() == null) {
      return InsecureServerCredentials.create();
    }
    try {
      TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
          .keyManager(s.certChain().toFile(), s.privateKey().toFile());
      if (s.clientCa() != null) {
        tls.trustManager(s.clientCa().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return tls.build();
    } catch (IOException e) {
      throw new UncheckedIOException("extproc.tls: " + e.getMessage()
          + " (expected: readable PEM files)", e);
    }
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  /** Streams open now: requests Envoy is proxying through this server. */
  public int openStreams() {
    return picker.openStreams();
  }

  /** Stops taking new work and drains for the configured {@link ExtProcSettings#drainTimeout}. */
  public void stop() {
    stop(settings.drainTimeout());
  }

  /**
   * Graceful shutdown: health NOT_SERVING for readiness (Envoy's health check then stops sending
   * new streams here), streams keep being served until none is open or {@code drain} has passed,
   * then the server stops and cancels whatever is left. Blocks the caller (never call it from a
   * gRPC thread).
   */
  public void stop(Duration drain) {
    for (String name : DRAINED) {
      health.setStatus(name, ServingStatus.NOT_SERVING);
    }
    try {
      picker.awaitIdle(drain.toNanos());
      server.shutdown();
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    health.enterTerminalState();
  }

  /** True once stopped and every stream has ended. */
  public boolean isTerminated() {
    return server.isTerminated();
  }

  @Override
  public void close() {
    stop();
  }
}
