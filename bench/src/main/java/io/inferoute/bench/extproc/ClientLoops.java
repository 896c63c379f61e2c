package io.inferoute.bench.extproc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The driver's own event loops, one thread per connection.
 *
 * <p>gRPC's client and server otherwise share one default event-loop group in a JVM, so a client
 * connection could land on the very thread that runs the server's handler: the driver would then
 * measure its own queueing behind the server. Its own group keeps the two apart (they still share
 * the cores).
 */
final class ClientLoops implements AutoCloseable {
  /** Names the driver's threads, so that CPU time can be told apart from the servers'. */
  static final String THREAD_PREFIX = "extproc-driver";

  private final EventLoopGroup group;
  private final boolean epoll;
  private final int connections;

  ClientLoops(int connections) {
    this.connections = connections;
    this.epoll = Epoll.isAvailable();
    DefaultThreadFactory threads = new DefaultThreadFactory(THREAD_PREFIX, true);
    this.group = epoll ? new EpollEventLoopGroup(connections, threads)
        : new NioEventLoopGroup(connections, threads);
  }

  int connections() {
    return connections;
  }

  /** A new connection to 127.0.0.1:{@code port}, its callbacks on its event loop. */
  ManagedChannel channel(int port) {
    // Callbacks on the event loop, as Envoy handles a side stream on its worker thread.
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .eventLoopGroup(group)
        .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .directExecutor()
        .build();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
