package io.inferoute.bench.lab.run;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * The lab client's Vert.x: one event loop, and an HTTP/1.1 keep-alive pool large enough that no
 * request of an open loop waits for a connection.
 */
final class LabClient implements AutoCloseable {
  /** Connections per host and port: above the most requests a run has in flight. */
  static final int MAX_CONNECTIONS = 512;

  private final Vertx vertx;
  private final HttpClientAgent http;

  LabClient() {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    this.http = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(2_000)
            .setMaxInitialLineLength(8192))
        .with(new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(-1))
        .build();
  }

  HttpClientAgent http() {
    return http;
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    try {
      http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing anyway below.
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Nothing more to release.
    }
  }
}
