package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.sim.SimulatedServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The HTTP path: OpenAI-compatible requests to the gateway replicas' HTTP listeners. */
final class HttpSender implements RequestSender {
  private final LabClient client;
  private final List<Integer> ports;

  HttpSender(LabClient client, List<Integer> ports) {
    this.client = client;
    this.ports = List.copyOf(ports);
  }

  @Override
  public void send(LabRequest request, int replica, ResponseRecorder to) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost("127.0.0.1").setPort(ports.get(replica)).setURI(request.path());
    labHeaders(request, options);
    exchange(client.http(), options, Buffer.buffer(request.body()), to);
  }

  /** The headers a lab client sends: JSON, SSE, priority, session and origin. */
  static void labHeaders(LabRequest request, RequestOptions options) {
    options.putHeader("content-type", "application/json");
    options.putHeader("accept", "text/event-stream");
    options.putHeader(LabPolicy.PRIORITY_HEADER, request.interactive() ? "interactive" : "batch");
    options.putHeader(LabPolicy.ORIGIN_HEADER, request.origin());
    String session = request.session();
    if (session != null) {
      options.putHeader(LabPolicy.SESSION_HEADER, session);
    }
  }

  /**
   * Sends one request and feeds its response to {@code to} as bytes arrive, times taken on the
   * event loop; {@code observer} also sees each step (the ext_proc path relays them to Envoy's
   * side stream).
   */
  static void exchange(HttpClientAgent http, RequestOptions options, Buffer body, ResponseRecorder to) {
    exchange(http, options, body, new DirectObserver(to), to);
  }

  static void exchange(HttpClientAgent http, RequestOptions options, Buffer body,
      ResponseObserver observer, ResponseRecorder to) {
    to.sent(System.nanoTime());
    http.request(options).onComplete(ar -> {
      if (ar.failed()) {
        observer.connectFailed(ar.cause());
        return;
      }
      HttpClientRequest req = ar.result();
      to.onCancel(() -> req.reset());
      req.send(body).onComplete(r -> {
        if (r.failed()) {
          observer.broken(r.cause());
          return;
        }
        HttpClientResponse response = r.result();
        observer.headers(response.statusCode(), response.getHeader(SimulatedServer.ENDPOINT_HEADER),
            response.getHeader("content-type"));
        response.handler(chunk -> observer.data(chunk.toString(StandardCharsets.UTF_8)));
        response.exceptionHandler(observer::broken);
        response.endHandler(v -> observer.end());
      });
    });
  }

  @Override
  public void close() {
    // The client belongs to the runner.
  }

  /** The steps of one HTTP response. */
  interface ResponseObserver {
    void connectFailed(Throwable cause);

    void headers(int status, @Nullable String endpoint,
        @Nullable String contentType);

    void data(String chunk);

    void end();

    void broken(Throwable cause);
  }

  /** Straight to the recorder, timed now. */
  private record DirectObserver(ResponseRecorder to) implements ResponseObserver {
    @Override
    public void connectFailed(Throwable cause) {
      to.failed(0, "connect: " + ResponseRecorder.describe(cause));
    }

    @Override
    public void headers(int status, @Nullable String endpoint,
        @Nullable String contentType) {
      to.headers(status, endpoint, contentType);
    }

    @Override
    public void data(String chunk) {
      to.data(chunk, System.nanoTime());
    }

    @Override
    public void end() {
      to.end(System.nanoTime());
    }

    @Override
    public void broken(Throwable cause) {
      to.broken(cause);
    }
  }
}
