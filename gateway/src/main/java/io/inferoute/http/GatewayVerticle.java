package io.inferoute.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import org.jspecify.annotations.Nullable;

/**
 * One event loop's share of the gateway: a server instance on the shared port and an upstream
 * client whose connection pools belong to this event loop, so a request and its upstream
 * connection never change threads.
 */
final class GatewayVerticle extends VerticleBase {
  private final GatewayState gw;
  private final int port;
  private @Nullable HttpServer server;
  private @Nullable HttpClientAgent client;

  GatewayVerticle(GatewayState gw, int port) {
    this.gw = gw;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    gw.eventLoops.add(Thread.currentThread()); // start() runs on this verticle's event loop
    HttpGatewaySettings s = gw.settings;
    HttpClientOptions clientOptions = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis()));
    if (s.upstreamHttp2()) {
      clientOptions.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
    }
    client = vertx.httpClientBuilder()
        .with(clientOptions)
        .with(new PoolOptions().setHttp1MaxSize(s.upstreamMaxConnections()).setEventLoopSize(0))
        .build();
    HttpServerOptions serverOptions = new HttpServerOptions()
        .setHost(s.host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        .setHttp2ClearTextEnabled(true);
    return vertx.createHttpServer(serverOptions).requestHandler(this::handle).listen()
        .onSuccess(bound -> server = bound);
  }

  /** The port actually bound (the one picked for port 0). */
  int actualPort() {
    HttpServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  private void handle(HttpServerRequest request) {
    gw.counters.requests.increment();
    if (request.method() == HttpMethod.GET && request.path().equals("/v1/models")) {
      String body = OpenAiErrors.models(gw.engine.fleet().models());
      request.response().putHeader("content-type", "application/json").end(Buffer.buffer(body));
      gw.counters.response(200);
      return;
    }
    new Exchange(gw, client, request, context).start();
  }

  @Override
  public Future<?> stop() {
    HttpServer s = server;
    HttpClientAgent c = client;
    Future<Void> closedServer = s == null ? Future.succeededFuture() : s.close();
    return closedServer.eventually(() -> c == null ? Future.succeededFuture() : c.close());
  }
}
