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
    openStreams.decrementAndGet();
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
