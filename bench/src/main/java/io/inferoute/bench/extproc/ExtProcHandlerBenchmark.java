package io.inferoute.bench.extproc;

import com.google.protobuf.CodedOutputStream;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import io.inferoute.extproc.ExtProcServer;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.time.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ext_proc server's own work per request, without any transport: one {@code Process} stream
 * fed the load driver's prebuilt messages ({@link RequestSet}: request headers with a BUFFERED
 * body mode, then the whole chat body) on one thread, each answer serialised as gRPC would, then
 * half-closed. This is the handler CPU the load driver's Inferoute / no-op ratio is made of, with
 * the transport (the no-op's ~15 µs per request) taken out.
 *
 * <p>Same fleet as the load driver and {@code DecisionBenchmark}: 100 endpoints, latency route,
 * prefix affinity on (64-character blocks, up to 256). The telemetry harvester is not running.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExtProcHandlerBenchmark {
  @Param({"4096", "225280"})
  int bodyBytes;

  @Param({"100"})
  int endpoints;

  /**
   * Server-sent events Envoy streams back per request for feedback (response body STREAMED); 0
   * leaves the response out, as the load driver does.
   */
  @Param({"0"})
  int responseChunks;

  RoutingEngine engine; // read by tests
  private ExternalProcessorGrpc.ExternalProcessorImplBase service;
  private RequestSet requests;
  private ProcessingRequest[] response = new ProcessingRequest[0];
  private final Serialising sink = new Serialising();
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = RoutingEngine.create(BenchPolicy.fleet(endpoints), Ticker.systemTicker());
    service = ExtProcServer.service(engine, ExtProcSettings.defaults());
    BodySendMode responseMode = responseChunks > 0 ? BodySendMode.STREAMED : BodySendMode.NONE;
    requests = bodyBytes > 16_384 ? RequestSet.build(32, bodyBytes, 4, responseMode)
        : RequestSet.build(256, bodyBytes, 8, responseMode);
    if (responseChunks > 0) {
      response = SseResponse.messages(responseChunks);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /**
   * One request: headers, body (the decision), the streamed response when {@link #responseChunks}
   * asks for one, half-close; returns the bytes answered.
   */
  @Benchmark
  public long request() {
    int i = next;
    next = (i + 1) % requests.size();
    sink.bytes = 0;
    StreamObserver<ProcessingRequest> stream = service.process(sink);
    stream.onNext(requests.headers(i));
    stream.onNext(requests.body(i));
    for (ProcessingRequest message : response) {
      stream.onNext(message);
    }
    stream.onCompleted();
    if (sink.failed != null) {
      throw new IllegalStateException("stream failed", sink.failed);
    }
    return sink.bytes;
  }

  /** Serialises every answer into one reused buffer, as the transport would frame it. */
  private static final class Serialising implements StreamObserver<ProcessingResponse> {
    private final byte[] buffer = new byte[1 << 16];
    long bytes;
    Throwable failed;

    @Override
    public void onNext(ProcessingResponse value) {
      int size = value.getSerializedSize();
      try {
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, Math.min(size,
            buffer.length));
        value.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bytes += size;
    }

    @Override
    public void onError(Throwable t) {
      failed = t;
    }

    @Override
    public void onCompleted() {}
  }
}
