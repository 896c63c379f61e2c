package io.inferoute.extproc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.testing.FakeTicker;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullMarked;

/**
 * A running ext_proc server on 127.0.0.1 over a small fleet, and a channel to it: what a test or
 * the Envoy emulator talks to. Time is a {@link FakeTicker}.
 */
@NullMarked
public final class PickerFixture implements AutoCloseable {
  /** The model every fixture endpoint serves. */
  public static final String MODEL = "llama-3.1-8b";

  public final FakeTicker ticker = new FakeTicker();
  public final RoutingEngine engine;
  public final ExtProcServer server;
  public final ManagedChannel channel;

  private PickerFixture(RoutingPolicy policy, ExtProcSettings settings) {
    engine = RoutingEngine.create(policy, ticker);
    server = ExtProcServer.start(engine, settings.withAddress("127.0.0.1", 0));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
  }

  /** Default settings over {@link #standardFleet()}. */
  public static PickerFixture start() {
    return start(ExtProcSettings.defaults());
  }

  public static PickerFixture start(ExtProcSettings settings) {
    return start(settings, standardFleet());
  }

  public static PickerFixture start(ExtProcSettings settings, List<EndpointSpec> endpoints) {
    return new PickerFixture(RoutingPolicy.of("extproc-test", endpoints, List.of()), settings);
  }

  /** Two edge endpoints, two regional, one cloud; all serve {@link #MODEL}. */
  public static List<EndpointSpec> standardFleet() {
    return List.of(
        spec("edge-1", "10.0.0.1:8000", "edge-gpu", "asia/tokyo-a/rack-1", 8),
        spec("edge-2", "10.0.0.2:8000", "edge-gpu", "asia/tokyo-a/rack-2", 8),
        spec("npu-1", "10.1.0.1:8000", "regional-npu", "asia/osaka-b/pod-1", 32),
        spec("npu-2", "10.1.0.2:8000", "regional-npu", "asia/osaka-b/pod-2", 32),
        spec("cloud-1", "10.2.0.1:8000", "cloud", "us-east/us-east-1a", 128));
  }

  /** One endpoint serving {@link #MODEL}. */
  public static EndpointSpec spec(String name, String address, String tier, String locality,
      int maxConcurrency) {
    return EndpointSpec.builder(name).address(address).tier(tier).locality(locality)
        .models(MODEL).maxConcurrency(maxConcurrency).build();
  }

  /** A new Process stream, as Envoy opens one per request. */
  public ExtProcStream open() {
    return new ExtProcStream(channel);
  }

  public Endpoint endpoint(String address) {
    return Objects.requireNonNull(engine.fleet().byAddress(address), address);
  }

  /** Requests counted in flight across the fleet. */
  public int inFlight() {
    int n = 0;
    for (Endpoint e : engine.fleet().endpoints()) {
      n += e.telemetry().inFlight();
    }
    return n;
  }

  /** Slot releases without a matching acquire, across the fleet: must stay 0. */
  public long releaseUnderflows() {
    long n = 0;
    for (Endpoint e : engine.fleet().endpoints()) {
      n += e.telemetry().releaseUnderflows();
    }
    return n;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    server.stop(java.time.Duration.ZERO);
    engine.close();
  }
}
