package io.inferoute.bench.lab.run;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc.ExternalProcessorStub;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.inferoute.bench.lab.LabRequest;
import io.inferoute.extproc.EnvoyMessages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request with the client playing Envoy: a {@code Process} stream sends the request headers
 * (with Envoy's protocol configuration), then, once answered, the whole body in one BUFFERED
 * message; the answer's header mutation names the endpoint ({@code x-gateway-destination-endpoint})
 * or an ImmediateResponse refuses. The client then sends the request straight to that endpoint and
 * feeds the response back as Envoy does in STREAMED mode: response headers, each body chunk, an
 * empty last chunk with end_of_stream. Like Envoy, it passes each piece on to the client (here:
 * the recorder, so TTFT includes it) only when the processor has answered that piece.
 *
 * <p>Writes to the stream are serialised on this object: they come from the gRPC callback thread
 * (the body), the HTTP event loop (the response) and the timeout timer (cancel).
 */
final class EnvoyExchange implements StreamObserver<ProcessingResponse> {
  private enum Phase { HEADERS, BODY, RESPONSE, CLOSED }

  private final ExternalProcessorStub stub;
  private final HttpClientAgent http;
  private final LabRequest request;
  private final ResponseRecorder to;
  private final Map<String, String> headers;
  // Pieces of the response Envoy holds until the processor answers them, in order.
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private @Nullable StreamObserver<ProcessingRequest> stream;
  private Phase phase = Phase.HEADERS;
  private String destination = "";

  EnvoyExchange(ExternalProcessorStub stub, HttpClientAgent http, LabRequest request, ResponseRecorder to) {
    this.stub = stub;
    this.http = http;
    this.request = request;
    this.to = to;
    this.headers = envoyHeaders(request);
  }

  synchronized void start() {
    to.sent(System.nanoTime());
    to.onCancel(this::cancel);
    StreamObserver<ProcessingRequest> s = stub.process(this);
    stream = s;
    s.onNext(EnvoyMessages.requestHeaders(headers, false, ExtProcSender.MODES));
  }

  @Override
  public synchronized void onNext(ProcessingResponse response) {
    if (response.hasImmediateResponse()) {
      refused(response.getImmediateResponse());
      return;
    }
    switch (phase) {
      case HEADERS -> {
        apply(response.getRequestHeaders().getResponse());
        phase = Phase.BODY;
        send(EnvoyMessages.requestBody(request.body(), true));
      }
      case BODY -> {
        apply(response.getRequestBody().getResponse());
        phase = Phase.RESPONSE;
        forward();
      }
      case RESPONSE -> {
        Runnable next = held.poll();
        if (next != null) {
          next.run();
        }
      }
      case CLOSED -> { }
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    if (phase != Phase.CLOSED) {
      phase = Phase.CLOSED;
      to.failed(500, "ext_proc stream: " + Status.fromThrowable(t));
    }
  }

  @Override
  public synchronized void onCompleted() {
    if (phase != Phase.CLOSED) {
      phase = Phase.CLOSED;
      to.failed(500, "ext_proc stream: closed by the processor before the response ended");
    }
  }

  /** Header mutations apply to the upstream request; the destination is one of them. */
  private void apply(CommonResponse common) {
    for (HeaderValueOption h : common.getHeaderMutation().getSetHeadersList()) {
      String name = h.getHeader().getKey();
      String value = h.getHeader().getRawValue().toStringUtf8();
      headers.put(name, value);
      if (name.equals("x-gateway-destination-endpoint")) {
        destination = value;
      }
    }
    for (String removed : common.getHeaderMutation().getRemoveHeadersList()) {
      headers.remove(removed);
    }
  }

  /** Envoy's router: to the chosen endpoint (ORIGINAL_DST), the response relayed on the stream. */
  private void forward() {
    int colon = destination.lastIndexOf(':');
    if (colon < 0) {
      close();
      to.failed(503, "ext_proc: no x-gateway-destination-endpoint in the answer (expected: ip:port)");
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(destination.substring(0, colon))
        .setPort(Integer.parseInt(destination.substring(colon + 1))).setURI(request.path());
    headers.forEach((k, v) -> {
      if (!k.startsWith(":") && !k.equals("content-length")) {
        options.putHeader(k, v);
      }
    });
    HttpSender.exchange(http, options, Buffer.buffer(request.body()), new Relay(), to);
  }

  private void refused(ImmediateResponse immediate) {
    close();
    String body = immediate.getBody().toStringUtf8();
    to.headers(immediate.getStatus().getCodeValue(), null, "application/json");
    to.data(body, System.nanoTime());
    to.end(System.nanoTime());
  }

  private void cancel() {
    synchronized (this) {
      if (phase != Phase.CLOSED && stream != null) {
        phase = Phase.CLOSED;
        stream.onError(Status.CANCELLED.withDescription("lab timeout").asRuntimeException());
      }
    }
  }

  private void close() {
    if (phase != Phase.CLOSED && stream != null) {
      phase = Phase.CLOSED;
      stream.onCompleted();
    }
  }

  private void send(ProcessingRequest message) {
    if (phase != Phase.CLOSED && stream != null) {
      stream.onNext(message);
    }
  }

  /** Sends each response piece to the processor and holds it until answered. */
  private void relay(ProcessingRequest message, Runnable whenAnswered) {
    if (phase == Phase.CLOSED) {
      return;
    }
    held.add(whenAnswered);
    send(message);
  }

  private static Map<String, String> envoyHeaders(LabRequest r) {
    Map<String, String> h = new LinkedHashMap<>(EnvoyMessages.post(
        "content-length", Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length),
        "accept", "text/event-stream",
        LabPolicy.PRIORITY_HEADER, r.interactive() ? "interactive" : "batch",
        LabPolicy.ORIGIN_HEADER, r.origin()));
    h.put(":path", r.path());
    h.put(":authority", "inference.lab");
    if (r.session() != null) {
      h.put(LabPolicy.SESSION_HEADER, r.session());
    }
    return h;
  }

  /** The upstream response, relayed piece by piece as Envoy's STREAMED response mode does. */
  private final class Relay implements HttpSender.ResponseObserver {
    @Override
    public void connectFailed(Throwable cause) {
      synchronized (EnvoyExchange.this) {
        cancel();
        to.failed(503, "upstream connect " + destination + ": " + ResponseRecorder.describe(cause));
      }
    }

    @Override
    public void headers(int status, @Nullable String endpoint, @Nullable String contentType) {
      synchronized (EnvoyExchange.this) {
        relay(EnvoyMessages.responseHeaders(status, false, "content-type",
                contentType == null ? "" : contentType,
                "x-gateway-destination-endpoint-served", destination),
            () -> to.headers(status, endpoint, contentType));
      }
    }

    @Override
    public void data(String chunk) {
      synchronized (EnvoyExchange.this) {
        relay(EnvoyMessages.responseBody(chunk, false), () -> to.data(chunk, System.nanoTime()));
      }
    }

    @Override
    public void end() {
      synchronized (EnvoyExchange.this) {
        relay(EnvoyMessages.responseBody("", true), () -> {
          close();
          to.end(System.nanoTime());
        });
      }
    }

    @Override
    public void broken(Throwable cause) {
      synchronized (EnvoyExchange.this) {
        cancel();
        to.broken(cause);
      }
    }
  }
}
