package io.inferoute.bench.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A model endpoint that answers at once: {@code POST /v1/chat/completions} gets the same
 * non-streaming OpenAI chat completion every time, once the request body has been read; anything
 * else gets 404. HTTP/1.1 with keep-alive on 127.0.0.1.
 *
 * <p>It exists because the simulated server cannot answer in under a millisecond: every
 * generation waits on a Vert.x timer, and those tick in whole milliseconds, which would add a
 * millisecond and its timer jitter to every proxy's latency and hide the sub-millisecond
 * differences this benchmark is after.
 */
public final class StaticUpstream implements AutoCloseable {
  /** The model named in the answer. */
  public static final String MODEL = "bench-model";

  /** The body of every chat completion, 312 bytes with usage, as a small real answer. */
  public static final String COMPLETION_JSON = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":"
      + "{\"role\":\"assistant\",\"content\":\"the router picks an endpoint near the data\"},"
      + "\"logprobs\":null,\"finish_reason\":\"length\"}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":8,\"total_tokens\":11}}";

  private static final String NOT_FOUND_JSON =
      "{\"error\":{\"message\":\"not served here\",\"type\":\"invalid_request_error\",\"code\":\"not_found\"}}";

  // Encoded once; wrapped afresh per answer so no buffer's indices are shared between writes.
  private static final byte[] COMPLETION = COMPLETION_JSON.getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_FOUND = NOT_FOUND_JSON.getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  private StaticUpstream(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code 127.0.0.1:port} (0 picks a free port) on {@code vertx}.
   *
   * @return a future completed once it accepts connections
   */
  public static Future<StaticUpstream> start(Vertx vertx, int port) {
    Objects.requireNonNull(vertx, "vertx");
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true);
    return vertx.createHttpServer(options)
        .requestHandler(StaticUpstream::handle)
        .listen()
        .map(StaticUpstream::new);
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening and closes its connections. */
  public Future<Void> stop() {
    return server.close();
  }

  /** Same as {@link #stop()}, without waiting. */
  @Override
  public void close() {
    stop();
  }

  private static void handle(HttpServerRequest request) {
    boolean chat = request.method() == HttpMethod.POST && request.path().equals("/v1/chat/completions");
    // Read the whole body before answering, as a model server must, so each proxy sends it all.
    request.body().onComplete(ar -> answer(request, chat && ar.succeeded()));
  }

  private static void answer(HttpServerRequest request, boolean chat) {
    request.response()
        .setStatusCode(chat ? 200 : 404)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(chat ? COMPLETION : NOT_FOUND));
  }
}
