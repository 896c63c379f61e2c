package io.inferoute.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.time.Ticker;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code ExternalProcessor} service: one {@link ProcessStream} per {@code Process} call. */
final class EndpointPicker extends ExternalProcessorGrpc.ExternalProcessorImplBase {

  private final RoutingEngine engine;
  private final ExtProcSettings settings;
  private final RequestReader reader;
  private final Placer placer;
  private final AtomicInteger openStreams = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  EndpointPicker(RoutingEngine engine, ExtProcSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.reader = new RequestReader(engine, settings);
    this.placer = new Placer(engine, settings);
  }

  @Override
  public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> out) {
    openStreams.incrementAndGet();
    return new ProcessStream(this, out);
  }

  void streamEnded(ProcessStream stream) {
    // Only a draining server pays for the monitor; the hot path is one atomic decrement.
    if (openStreams.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /**
   * Waits until no stream is open or {@code nanos} have passed; new streams are still served
   * meanwhile (Envoy keeps sending them until its health check sees NOT_SERVING).
   *
   * @return true when idle
   */
  boolean awaitIdle(long nanos) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + nanos;
    synchronized (idle) {
      while (openStreams.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /** Streams open now (each is one request Envoy is proxying). */
  int openStreams() {
    return openStreams.get();
  }

  RoutingEngine engine() {
    return engine;
  }

  Ticker ticker() {
    return engine.ticker();
  }

  ExtProcSettings settings() {
    return settings;
  }

  RequestReader reader() {
    return reader;
  }

  Placer placer() {
    return placer;
  }
}
