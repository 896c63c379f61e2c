package io.inferoute.bench.proxy;

import io.inferoute.sim.SimulatedEndpoint;
import io.inferoute.sim.SimulatedFleet;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark's upstream until the process is stopped: {@code java -cp
 * bench/target/benchmarks.jar io.inferoute.bench.proxy.UpstreamMain PORT [static | sim SPEEDUP]}.
 *
 * <p>{@code static} (the default) is {@link StaticUpstream}. {@code sim} is one {@link
 * io.inferoute.sim.SimulatedServer} serving {@link StaticUpstream#MODEL} with the given speed-up and
 * an empty KV cache; it is kept to show why the static one is used: its answers take at least one
 * millisecond, the shortest Vert.x timer.
 */
public final class UpstreamMain {
  private static final long START_TIMEOUT_SECONDS = 10;

  private UpstreamMain() {}

  /** Starts the upstream, prints one line when it listens, and waits for the process to end. */
  public static void main(String[] args) throws Exception {
    UpstreamArgs parsed;
    try {
      parsed = UpstreamArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    AutoCloseable running = parsed.simulated() ? startSimulated(parsed) : startStatic(parsed.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(running, stopped)));
    System.out.println("upstream listening on 127.0.0.1:" + parsed.port()
        + (parsed.simulated() ? " (simulated, speedUp " + parsed.speedUp() + ")" : " (static)"));
    stopped.await();
  }

  private static AutoCloseable startStatic(int port) throws Exception {
    // One event loop, as the simulated fleet gives a single endpoint: the upstream is the same for
    // every proxy, and it leaves the second core to the proxy and the load generator.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    StaticUpstream upstream = StaticUpstream.start(vertx, port)
        .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return () -> {
      upstream.stop().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    };
  }

  private static AutoCloseable startSimulated(UpstreamArgs args) {
    // Limits far above the load generator's connections, so the simulator never queues or refuses.
    return SimulatedFleet.start(List.of(SimulatedEndpoint.builder("bench-upstream")
        .port(args.port())
        .models(StaticUpstream.MODEL)
        .kvCacheBlocks(0)
        .maxConcurrency(4_096)
        .maxQueue(4_096)
        .speedUp(args.speedUp())
        .build()));
  }

  private static void closeQuietly(AutoCloseable running, CountDownLatch stopped) {
    try {
      running.close();
    } catch (Exception e) {
      System.err.println("upstream: stop failed: " + e);
    } finally {
      stopped.countDown();
    }
  }
}
