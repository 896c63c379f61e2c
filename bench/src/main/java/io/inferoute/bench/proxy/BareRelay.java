package io.inferoute.bench.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The least a Vert.x proxy does for the benchmark's request, on the gateway's Vert.x settings: read
 * the request body (Inferoute must, to route), send it with the request's end-to-end headers to
 * one fixed upstream over a kept-alive connection of this event loop, relay status, headers and
 * body back. No parsing, no decision, no retries, timeouts, metrics or limits.
 *
 * <p>It is the floor of the Vert.x stack in the proxy comparison: what Inferoute's gateway could
 * reach if its own work cost nothing. {@code java -cp bench/target/benchmarks.jar
 * io.inferoute.bench.proxy.BareRelay PORT UPSTREAM_PORT [EVENT_LOOPS]} (2 event loops by default,
 * as the gateway); it runs until the process is stopped.
 */
public final class BareRelay extends VerticleBase {
  private static final int MAX_SPREAD_ATTEMPTS = 10;

  private final int port;
  private final int upstreamPort;
  private final Set<Thread> loops;
  private HttpClientAgent client;

  private BareRelay(int port, int upstreamPort, Set<Thread> loops) {
    this.port = port;
    this.upstreamPort = upstreamPort;
    this.loops = loops;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: BareRelay PORT UPSTREAM_PORT [EVENT_LOOPS]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    int eventLoops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    // The gateway's transport too: epoll where the native library loads.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops)
        .setPreferNativeTransport(true));
    System.out.println("bare Vert.x relay on " + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO"));
    Set<Thread> loops = ConcurrentHashMap.newKeySet();
    // As the gateway does: instances that share an event loop are undone and deployed again.
    for (int attempt = 1; ; attempt++) {
      String id = deploy(vertx, port, upstreamPort, eventLoops, loops);
      if (loops.size() == eventLoops || attempt == MAX_SPREAD_ATTEMPTS) {
        break;
      }
      vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.out.println("bare relay listening on 127.0.0.1:" + port + " → 127.0.0.1:" + upstreamPort
        + " on " + loops.size() + " event loop(s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /**
   * Deploys {@code instances} relays listening on 127.0.0.1:{@code port}, and returns the
   * deployment's id once they listen; {@code loops} is cleared, then holds their event loops.
   */
  static String deploy(Vertx vertx, int port, int upstreamPort, int instances, Set<Thread> loops)
      throws Exception {
    loops.clear();
    return vertx.deployVerticle(() -> new BareRelay(port, upstreamPort, loops),
            new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public Future<?> start() {
    loops.add(Thread.currentThread());
    client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
        .with(new PoolOptions().setHttp1MaxSize(64).setEventLoopSize(0))
        .build();
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
            .setTcpNoDelay(true).setReuseAddress(true))
        .requestHandler(this::relay)
        .listen();
  }

  private void relay(HttpServerRequest request) {
    request.body().onSuccess(body -> client.request(new RequestOptions()
            .setMethod(request.method()).setHost("127.0.0.1").setPort(upstreamPort)
            .setURI(request.uri()))
        .compose(up -> {
          request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("connection") && !name.equalsIgnoreCase("keep-alive")
                && !name.equalsIgnoreCase("content-length")) {
              up.putHeader(name, value);
            }
          });
          return up.send(body);
        })
        .onSuccess(response -> answer(request.response(), response))
        .onFailure(e -> request.response().setStatusCode(502).end()));
  }

  private static void answer(HttpServerResponse out, HttpClientResponse in) {
    out.setStatusCode(in.statusCode());
    in.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("connection") && !name.equalsIgnoreCase("keep-alive")
          && !name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
        out.putHeader(name, value);
      }
    });
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      out.setChunked(true);
    }
    in.pipeTo(out);
  }
}
