package io.inferoute.bench.extproc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.inferoute.extproc.ExtProcServer;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.routing.RoutingEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server under test on 127.0.0.1 and the client connections the driver uses to reach it. */
final class Target implements AutoCloseable {
  /** The no-op server accepts what Inferoute's does: a buffered body up to twice 4 MiB. */
  static final String INFEROUTE = "inferoute";
  static final String NO_OP = "no-op";
  static final String REPLAY = "replay";
  private static final int MAX_INBOUND = (8 << 20) + (64 << 10);

  private final String name;
  private final List<ManagedChannel> channels;
  private final Runnable stop;

  private Target(String name, int port, ClientLoops client, Runnable stop) {
    this.name = name;
    this.stop = stop;
    List<ManagedChannel> list = new ArrayList<>(client.connections());
    for (int i = 0; i < client.connections(); i++) {
      list.add(client.channel(port));
    }
    this.channels = List.copyOf(list);
  }

  /** Inferoute's ext_proc server over {@code engine}, with its production settings. */
  static Target inferoute(RoutingEngine engine, ClientLoops client) {
    ExtProcServer server = ExtProcServer.start(engine,
        ExtProcSettings.defaults().withAddress("127.0.0.1", 0));
    return new Target(INFEROUTE, server.port(), client,
        () -> server.stop(Duration.ZERO));
  }

  /** The no-op processor on the transport settings Inferoute's server uses. */
  static Target noOp(ClientLoops client) {
    return fixed(NO_OP, new NoOpProcessor(), client);
  }

  /**
   * A processor that answers request_headers and request_body with {@code answers} (recorded from
   * Inferoute) without reading anything: the transport plus the protocol's answer.
   */
  static Target replay(Answers answers, ClientLoops client) {
    return fixed(REPLAY, new NoOpProcessor(answers.headers(), answers.body()), client);
  }

  private static Target fixed(String name, NoOpProcessor processor, ClientLoops client) {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .directExecutor()
        .maxInboundMessageSize(MAX_INBOUND)
        .addService(processor)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Target(name, server.getPort(), client, () -> {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * Plays Envoy for request {@code i} of {@code requests} on one stream and returns this server's
   * two answers.
   */
  Answers answers(RequestSet requests, int i) throws InterruptedException {
    return Answers.record(channels.get(0), requests.headers(i), requests.body(i));
  }

  String name() {
    return name;
  }

  List<ManagedChannel> channels() {
    return channels;
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel c : channels) {
      c.shutdownNow();
      c.awaitTermination(5, TimeUnit.SECONDS);
    }
    stop.run();
  }
}
