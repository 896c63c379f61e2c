package io.inferoute.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.policy.PolicyStatus;
import io.inferoute.routing.RoutingEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admin HTTP server (Vert.x): {@code /metrics}, {@code /healthz}, {@code /readyz},
 * {@code /admin/endpoints}, {@code /admin/policy} and {@code POST /v1/place}.
 *
 * <p>It binds to loopback unless configured otherwise, and then every path but the two probes
 * needs the bearer token (compared in constant time). Handlers run on the event loop and do no
 * I/O besides answering: everything they read is in memory.
 */
public final class AdminServer implements AutoCloseable {
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final int MAX_PLACE_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AdminSettings settings;
  private final RoutingEngine engine;
  private final PrometheusMeterRegistry registry;
  private final Supplier<@Nullable PolicyStatus> policyStatus;
  private final BooleanSupplier ready;
  private final HttpServer server;

  private AdminServer(Vertx vertx, AdminSettings settings, RoutingEngine engine,
      PrometheusMeterRegistry registry, Supplier<@Nullable PolicyStatus> policyStatus,
      BooleanSupplier ready) {
    this.settings = settings;
    this.engine = engine;
    this.registry = registry;
    this.policyStatus = policyStatus;
    this.ready = ready;
    this.server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(settings.host()).setPort(settings.port()));
    server.requestHandler(this::handle);
  }

  /**
   * Starts listening; blocks until bound.
   *
   * @param policyStatus the reloader's status, or null when the policy is static
   * @param ready true once every listener is up and not draining
   */
  public static AdminServer start(Vertx vertx, AdminSettings settings, RoutingEngine engine,
      PrometheusMeterRegistry registry, Supplier<@Nullable PolicyStatus> policyStatus,
      BooleanSupplier ready) throws Exception {
    AdminServer admin = new AdminServer(vertx, settings, engine, registry, policyStatus, ready);
    admin.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return admin;
  }

  /** The bound port. */
  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/healthz")) {
      text(req, 200, "ok\n");
      return;
    }
    if (path.equals("/readyz")) {
      boolean ok = ready.getAsBoolean();
      text(req, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
      return;
    }
    if (!authorised(req)) {
      req.response().putHeader("WWW-Authenticate", "Bearer");
      error(req, 401, "missing or wrong bearer token");
      return;
    }
    switch (path) {
      case "/metrics" -> get(req, () -> req.response().setStatusCode(200)
          .putHeader("content-type", PROMETHEUS_CONTENT_TYPE).end(registry.scrape()));
      case "/admin/endpoints" -> get(req, () -> json(req, 200, EndpointsView.of(engine)));
      case "/admin/policy" -> get(req, () -> json(req, 200, policy()));
      case "/v1/place" -> place(req);
      default -> error(req, 404, "no such path: " + path);
    }
  }

  private boolean authorised(HttpServerRequest req) {
    String token = settings.bearerToken();
    if (token == null) {
      return true;
    }
    String given = req.getHeader("authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return given != null
        && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
  }

  private static void get(HttpServerRequest req, Runnable answer) {
    if (!req.method().name().equals("GET")) {
      error(req, 405, req.method() + " " + req.path() + " (expected: GET)");
      return;
    }
    answer.run();
  }

  private Map<String, Object> policy() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", engine.policy().name());
    m.put("endpoints", engine.fleet().size());
    m.put("routes", engine.policy().routes().size() + 1);
    PolicyStatus status = policyStatus.get();
    try {
      m.put("reload", status == null ? null : JSON.readTree(status.toJson()));
    } catch (JsonProcessingException e) {
      m.put("reload", status.toJson());
    }
    return m;
  }

  private void place(HttpServerRequest req) {
    if (!req.method().name().equals("POST")) {
      error(req, 405, "GET /v1/place (expected: POST with a workload spec)");
      return;
    }
    if (declaredLength(req) > MAX_PLACE_BODY) {
      tooLarge(req);
      return;
    }
    Buffer body = Buffer.buffer();
    req.handler(chunk -> {
      if (req.response().ended()) {
        return; // already answered 413: drop the rest
      }
      if (body.length() + chunk.length() > MAX_PLACE_BODY) {
        tooLarge(req);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (req.response().ended()) {
        return;
      }
      try {
        var request = PlaceRequest.parse(body.getBytes());
        req.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(engine.explain(request).toJson());
      } catch (IllegalArgumentException e) {
        error(req, 400, e.getMessage());
      }
    });
  }

  /** The Content-Length header's value, or -1 when absent or not a number. */
  private static long declaredLength(HttpServerRequest req) {
    String declared = req.getHeader("content-length");
    try {
      return declared == null ? -1 : Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** 413, and the connection closes once the answer is out: the rest of the body is not read. */
  private static void tooLarge(HttpServerRequest req) {
    if (req.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      req.response().putHeader("connection", "close");
    }
    error(req, 413, "body: over " + MAX_PLACE_BODY + " bytes (expected: a workload spec, not a prompt)");
  }

  private static void text(HttpServerRequest req, int status, String body) {
    req.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(body);
  }

  private static void json(HttpServerRequest req, int status, Object body) {
    try {
      req.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      error(req, 500, "cannot render JSON: " + e.getOriginalMessage());
    }
  }

  private static void error(HttpServerRequest req, int status, String message) {
    if (req.response().ended()) {
      return;
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    error.put("code", null);
    try {
      req.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(JSON.writeValueAsString(Map.of("error", error)));
    } catch (JsonProcessingException e) {
      req.response().setStatusCode(status).end();
    }
  }

  /** Stops listening. */
  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
