package io.inferoute.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One running simulated model server on 127.0.0.1, HTTP/1.1 and h2c: {@code POST
 * /v1/chat/completions}, {@code POST /v1/completions}, {@code GET /v1/models}, {@code GET /metrics};
 * anything else is a 404 with an OpenAI error body. Every answer names the server in {@value
 * #ENDPOINT_HEADER}, so a client behind a router can tell which endpoint served it.
 *
 * <p>All of its state lives on one Vert.x event-loop context; the public methods may be called
 * from any thread and return futures completed once the change took effect. {@link #kill()} stops
 * listening and drops every connection, queued request and cached block, as a crashed process
 * would; {@link #revive()} listens again on the same port.
 */
public final class SimulatedServer {
  /** Response header naming the endpoint that answered, on every answer it sends. */
  public static final String ENDPOINT_HEADER = "x-sim-endpoint";

  /** Largest request body read; bigger ones get 413. */
  public static final int MAX_BODY_BYTES = 4 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final Context context;
  private volatile SimulatedEndpoint config;
  private volatile ErrorInjection errors;
  // Confined to the context.
  private final ServingEngine engine;
  private final SplittableRandom random = new SplittableRandom();
  private @Nullable HttpServer server;
  private long nextId;

  private SimulatedServer(Vertx vertx, SimulatedEndpoint config) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.errors = config.errors();
    this.engine = new ServingEngine(config);
  }

  /** A server for {@code config} on {@code vertx}, not yet listening; call {@link #start()}. */
  public static SimulatedServer create(Vertx vertx, SimulatedEndpoint config) {
    return new SimulatedServer(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(config, "config"));
  }

  /** Starts listening; the future fails when the port cannot be bound. */
  public CompletableFuture<Void> start() {
    return onContext(this::listen);
  }

  /** Stops listening and drops connections, queue and cache, as a crash would. */
  public CompletableFuture<Void> kill() {
    return onContext(this::close);
  }

  /** Listens again on the same port after {@link #kill()}, with an empty cache. */
  public CompletableFuture<Void> revive() {
    return onContext(this::listen);
  }

  /**
   * Forgets every cached prefix block, as a server whose cache was flushed; connections and
   * generations in progress carry on (a warm-up before a measured run leaves no cache behind).
   */
  public CompletableFuture<Void> clearCache() {
    return onContext(() -> {
      engine.clearCache();
      return Future.succeededFuture();
    });
  }

  /** Stops for good (same as {@link #kill()}; the server may still be revived). */
  public CompletableFuture<Void> stop() {
    return kill();
  }

  /** Replaces the injected faults; applies to requests arriving from now on. */
  public void setErrors(ErrorInjection errors) {
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** The faults injected now. */
  public ErrorInjection errors() {
    return errors;
  }

  /** The configuration, with the actual port once started. */
  public SimulatedEndpoint config() {
    return config;
  }

  /** The port it listens on (the one picked for port 0 once started). */
  public int port() {
    return config.port();
  }

  /** {@code http://127.0.0.1:port}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private Future<Void> listen() {
    if (server != null) {
      return Future.succeededFuture();
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(config.port())
        .setReuseAddress(true)
        .setHttp2ClearTextEnabled(true);
    HttpServer created = vertx.createHttpServer(options).requestHandler(this::handle);
    return created.listen().map(bound -> {
      server = bound;
      if (config.port() == 0) {
        config = config.withPort(bound.actualPort());
      }
      return null;
    });
  }

  private Future<Void> close() {
    HttpServer current = server;
    server = null;
    engine.reset();
    return current == null ? Future.succeededFuture() : current.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    // Set first, so streamed, whole and error answers all say who answered.
    request.response().putHeader(ENDPOINT_HEADER, config.name());
    if (method == HttpMethod.GET && path.equals("/metrics")) {
      request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(engine.renderMetrics());
    } else if (method == HttpMethod.GET && path.equals("/v1/models")) {
      json(request.response(), 200, OpenAiFormat.models(config.models()));
    } else if (method == HttpMethod.POST && path.equals("/v1/chat/completions")) {
      readBody(request, body -> inference(request, true, body));
    } else if (method == HttpMethod.POST && path.equals("/v1/completions")) {
      readBody(request, body -> inference(request, false, body));
    } else {
      json(request.response(), 404, OpenAiFormat.error(
          method + " " + path + " is not served here", "invalid_request_error", "not_found"));
    }
  }

  private void readBody(HttpServerRequest request, java.util.function.Consumer<Buffer> then) {
    String length = request.getHeader("content-length");
    if (length != null && parsesAbove(length, MAX_BODY_BYTES)) {
      tooLarge(request);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        refused[0] = true;
        tooLarge(request);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) {
        then.accept(body);
      }
    });
  }

  private static boolean parsesAbove(String number, long limit) {
    try {
      return Long.parseLong(number.trim()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void tooLarge(HttpServerRequest request) {
    json(request.response(), 413, OpenAiFormat.error("request body above " + MAX_BODY_BYTES + " bytes",
        "invalid_request_error", "body_too_large"));
  }

  private void inference(HttpServerRequest request, boolean chat, Buffer body) {
    HttpServerResponse response = request.response();
    ErrorInjection faults = errors;
    if (roll(faults.hangRate())) {
      return;
    }
    if (roll(faults.resetBeforeResponseRate())) {
      response.reset();
      return;
    }
    if (roll(faults.serverErrorRate())) {
      json(response, 500, OpenAiFormat.error("simulated internal error", "server_error", "simulated_failure"));
      return;
    }
    CompletionRequest parsed = parse(response, chat, body);
    if (parsed == null) {
      return;
    }
    String id = (chat ? "chatcmpl-sim-" : "cmpl-sim-") + (++nextId);
    long networkDelay = config.networkDelay(request.getHeader(SimulatedEndpoint.ORIGIN_HEADER)).toNanos();
    Generation g = new Generation(engine, vertx, parsed, response, id,
        roll(faults.resetMidResponseRate()), networkDelay);
    response.closeHandler(v -> g.clientGone());
    request.exceptionHandler(e -> g.clientGone());
    if (!engine.submit(g)) {
      json(response, 429, OpenAiFormat.error("the server is busy: " + config.maxConcurrency()
          + " running and " + config.maxQueue() + " waiting", "rate_limit_error", "queue_full"));
    }
  }

  private @Nullable CompletionRequest parse(HttpServerResponse response, boolean chat, Buffer body) {
    CompletionRequest parsed;
    try {
      JsonNode tree = JSON.readTree(body.getBytes());
      parsed = CompletionRequest.from(chat, tree == null ? JSON.nullNode() : tree,
          SimulatedEndpoint.DEFAULT_MAX_TOKENS);
    } catch (JsonProcessingException e) {
      json(response, 400, OpenAiFormat.error("body: " + e.getOriginalMessage() + " (expected: JSON)",
          "invalid_request_error", "invalid_json"));
      return null;
    } catch (IllegalArgumentException e) {
      json(response, 400, OpenAiFormat.error(e.getMessage(), "invalid_request_error", "invalid_request"));
      return null;
    } catch (java.io.IOException e) {
      json(response, 400, OpenAiFormat.error("body: unreadable", "invalid_request_error", "invalid_json"));
      return null;
    }
    if (!config.models().contains(parsed.model())) {
      json(response, 404, OpenAiFormat.error("The model `" + parsed.model() + "` does not exist.",
          "invalid_request_error", "model_not_found"));
      return null;
    }
    return parsed;
  }

  private boolean roll(double rate) {
    return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  private CompletableFuture<Void> onContext(Supplier<Future<Void>> action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(ar -> {
          if (ar.succeeded()) {
            done.complete(null);
          } else {
            done.completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }
}
