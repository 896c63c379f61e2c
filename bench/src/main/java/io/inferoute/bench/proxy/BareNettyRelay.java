package io.inferoute.bench.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A floor below {@link BareRelay}: Netty's HTTP/1.1 codecs without Vert.x's request and response
 * objects. Each client connection gets its own kept-alive upstream connection on the same event
 * loop, opened when the client connects, and the decoded messages and body chunks are passed
 * through as they are (only the hop-by-hop {@code connection} and {@code keep-alive} headers
 * dropped). No pool, no parsing of the body, no decision, no retries, timeouts or flow control: it
 * answers "what could a Netty data path cost", not "how should one be built".
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.inferoute.bench.proxy.BareNettyRelay PORT
 * UPSTREAM_PORT [EVENT_LOOPS]} (2 by default); it runs until the process is stopped.
 */
public final class BareNettyRelay implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel listener;

  private BareNettyRelay(EventLoopGroup group, Channel listener) {
    this.group = group;
    this.listener = listener;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: BareNettyRelay PORT UPSTREAM_PORT [EVENT_LOOPS]");
      System.exit(2);
    }
    int eventLoops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    BareNettyRelay relay = start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), eventLoops);
    System.out.println("bare Netty relay listening on 127.0.0.1:" + relay.port() + " → 127.0.0.1:"
        + args[1] + " on " + eventLoops + " event loop(s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Listens on 127.0.0.1:{@code port} (0 picks a free one) and relays to {@code upstreamPort}. */
  static BareNettyRelay start(int port, int upstreamPort, int eventLoops)
      throws InterruptedException {
    boolean epoll = Epoll.isAvailable(); // as the gateway: epoll where the native library loads
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoops,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", upstreamPort);
    Channel listener = new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.AUTO_READ, false) // until the upstream connection is open
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new Front(upstream));
          }
        })
        .bind("127.0.0.1", port).sync().channel();
    return new BareNettyRelay(group, listener);
  }

  int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The client's side: opens the paired upstream connection, then forwards what it decodes. */
  private static final class Front extends ChannelInboundHandlerAdapter {
    private final InetSocketAddress upstream;
    private Channel back;

    Front(InetSocketAddress upstream) {
      this.upstream = upstream;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      ChannelFuture connected = new Bootstrap().group(client.eventLoop())
          .channel(client instanceof EpollSocketChannel ? EpollSocketChannel.class
              : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new Back(client));
            }
          })
          .connect(upstream);
      back = connected.channel();
      connected.addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          client.config().setAutoRead(true);
        } else {
          // Answer the request that comes, then close: read it first, or the client may see
          // the connection close while it is still sending.
          client.pipeline().replace(this, "refuse", new Refuse());
          client.config().setAutoRead(true);
        }
      });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpMessage m) {
        dropHopByHop(m);
      }
      if (back.isActive()) {
        back.write(msg, back.voidPromise());
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      back.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      back.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Answers 502 to the client's request once it has arrived, then closes. */
  private static final class Refuse extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean last = msg instanceof io.netty.handler.codec.http.LastHttpContent;
      ReferenceCountUtil.release(msg);
      if (last) {
        DefaultFullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.BAD_GATEWAY);
        refused.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(refused).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** The upstream's side: forwards the response's parts to the client as they are decoded. */
  private static final class Back extends ChannelInboundHandlerAdapter {
    private final Channel client;

    Back(Channel client) {
      this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpMessage m) {
        dropHopByHop(m);
      }
      client.write(msg, client.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      client.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static void dropHopByHop(HttpMessage m) {
    m.headers().remove(HttpHeaderNames.CONNECTION).remove(HttpHeaderNames.KEEP_ALIVE);
  }
}
