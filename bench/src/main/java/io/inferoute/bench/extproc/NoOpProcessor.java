package io.inferoute.bench.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * An ext_proc service that answers every message with a fixed response of the matching kind and
 * does nothing else. Empty responses ({@link #NoOpProcessor()}) are what the gRPC transport alone
 * costs, the floor Inferoute is measured against; a recorded routing answer ({@link
 * #NoOpProcessor(ProcessingResponse, ProcessingResponse)}) adds what carrying the protocol's
 * answer costs (header mutation, {@code envoy.lb} metadata), without reading the body or deciding.
 */
final class NoOpProcessor extends ExternalProcessorGrpc.ExternalProcessorImplBase {
  private static final ProcessingResponse EMPTY_REQUEST_HEADERS = ProcessingResponse.newBuilder()
      .setRequestHeaders(HeadersResponse.getDefaultInstance()).build();
  private static final ProcessingResponse EMPTY_REQUEST_BODY = ProcessingResponse.newBuilder()
      .setRequestBody(BodyResponse.getDefaultInstance()).build();
  private static final ProcessingResponse REQUEST_TRAILERS = ProcessingResponse.newBuilder()
      .setRequestTrailers(TrailersResponse.getDefaultInstance()).build();
  private static final ProcessingResponse RESPONSE_HEADERS = ProcessingResponse.newBuilder()
      .setResponseHeaders(HeadersResponse.getDefaultInstance()).build();
  private static final ProcessingResponse RESPONSE_BODY = ProcessingResponse.newBuilder()
      .setResponseBody(BodyResponse.getDefaultInstance()).build();
  private static final ProcessingResponse RESPONSE_TRAILERS = ProcessingResponse.newBuilder()
      .setResponseTrailers(TrailersResponse.getDefaultInstance()).build();

  private final ProcessingResponse requestHeaders;
  private final ProcessingResponse requestBody;

  /** Empty responses to every message. */
  NoOpProcessor() {
    this(EMPTY_REQUEST_HEADERS, EMPTY_REQUEST_BODY);
  }

  /** {@code requestHeaders} and {@code requestBody} to those messages, empty ones to the rest. */
  NoOpProcessor(ProcessingResponse requestHeaders, ProcessingResponse requestBody) {
    if (!requestHeaders.hasRequestHeaders() || !requestBody.hasRequestBody()) {
      throw new IllegalArgumentException("answers: " + requestHeaders.getResponseCase() + ", "
          + requestBody.getResponseCase() + " (expected: REQUEST_HEADERS, REQUEST_BODY)");
    }
    this.requestHeaders = requestHeaders;
    this.requestBody = requestBody;
  }

  @Override
  public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ProcessingRequest request) {
        switch (request.getRequestCase()) {
          case REQUEST_HEADERS -> out.onNext(requestHeaders);
          case REQUEST_BODY -> out.onNext(requestBody);
          case REQUEST_TRAILERS -> out.onNext(REQUEST_TRAILERS);
          case RESPONSE_HEADERS -> out.onNext(RESPONSE_HEADERS);
          case RESPONSE_BODY -> out.onNext(RESPONSE_BODY);
          case RESPONSE_TRAILERS -> out.onNext(RESPONSE_TRAILERS);
          default -> out.onError(Status.INVALID_ARGUMENT
              .withDescription("request: " + request.getRequestCase()
                  + " (expected: one of the six message kinds)").asRuntimeException());
        }
      }

      @Override
      public void onError(Throwable t) {
        // Envoy resets side streams it is done with: nothing to clean up.
      }

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }
}
