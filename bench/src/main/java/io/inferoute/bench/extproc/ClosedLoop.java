package io.inferoute.bench.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc.ExternalProcessorStub;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * C closed-loop workers, each playing Envoy for one request at a time: open a {@code Process}
 * stream, send request_headers, wait for the answer, send the buffered request_body, wait for the
 * answer (the routing decision), half-close, wait for the server to close, start the next.
 *
 * <p>Latency is from opening the stream to the request_body answer: what Envoy waits for before it
 * forwards the request. Workers run on the gRPC client's event loops (the channels use a direct
 * executor), so C may be large without C threads.
 */
final class ClosedLoop {
  private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final List<ExternalProcessorStub> stubs;
  private final RequestSet requests;
  private final Recorder latency = new Recorder(MAX_LATENCY_NANOS, 3);
  private final LongAdder placed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicInteger next = new AtomicInteger();
  private final CountDownLatch stopped;
  private volatile boolean running = true;

  private ClosedLoop(List<ManagedChannel> channels, RequestSet requests, int concurrency) {
    this.stubs = channels.stream().map(ExternalProcessorGrpc::newStub).toList();
    this.requests = requests;
    this.stopped = new CountDownLatch(concurrency);
  }

  /**
   * Runs {@code concurrency} workers spread over {@code channels} (one connection each) for
   * {@code warmUp}, then measures for {@code measure}.
   */
  static RunResult run(List<ManagedChannel> channels, RequestSet requests, int concurrency,
      Duration warmUp, Duration measure) throws InterruptedException {
    return new ClosedLoop(channels, requests, concurrency).run(concurrency, warmUp, measure);
  }

  private RunResult run(int concurrency, Duration warmUp, Duration measure)
      throws InterruptedException {
    for (int i = 0; i < concurrency; i++) {
      new Worker(stubs.get(i % stubs.size())).start();
    }
    Thread.sleep(warmUp.toMillis());
    latency.getIntervalHistogram(); // drop the warm-up
    long placedBefore = placed.sum();
    long rejectedBefore = rejected.sum();
    long failedBefore = failed.sum();
    CpuSplit cpuBefore = CpuSplit.now();
    long start = System.nanoTime();
    Thread.sleep(measure.toMillis());
    Histogram measured = latency.getIntervalHistogram();
    long elapsed = System.nanoTime() - start;
    String cpu = CpuSplit.now().perRequestSince(cpuBefore, measured.getTotalCount());
    RunResult result = new RunResult(measured, elapsed, placed.sum() - placedBefore,
        rejected.sum() - rejectedBefore, failed.sum() - failedBefore, cpu);
    running = false;
    if (!stopped.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("workers: " + stopped.getCount()
          + " still running 30 s after the run (expected: 0)");
    }
    return result;
  }

  /** One closed loop; its callbacks come one at a time (one stream at a time). */
  private final class Worker implements StreamObserver<ProcessingResponse> {
    private final ExternalProcessorStub stub;
    private @Nullable StreamObserver<ProcessingRequest> stream;
    private int request;
    private int answers;
    private long startedAt;

    Worker(ExternalProcessorStub stub) {
      this.stub = stub;
    }

    void start() {
      if (!running) {
        stopped.countDown();
        return;
      }
      request = Math.floorMod(next.getAndIncrement(), requests.size());
      answers = 0;
      startedAt = System.nanoTime();
      StreamObserver<ProcessingRequest> s = stub.process(this);
      stream = s;
      s.onNext(requests.headers(request));
    }

    @Override
    public void onNext(ProcessingResponse response) {
      StreamObserver<ProcessingRequest> s = stream;
      if (++answers == 1 && response.hasRequestHeaders()) {
        s.onNext(requests.body(request)); // Envoy sends the buffered body after this answer
        return;
      }
      latency.recordValue(Math.min(System.nanoTime() - startedAt, MAX_LATENCY_NANOS));
      if (response.hasRequestBody()) {
        placed.increment();
      } else if (response.hasImmediateResponse()) {
        rejected.increment();
      } else {
        failed.increment();
      }
      s.onCompleted();
    }

    @Override
    public void onError(Throwable t) {
      failed.increment();
      start();
    }

    @Override
    public void onCompleted() {
      start();
    }
  }
}
