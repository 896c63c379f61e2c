package io.inferoute.bench.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A server's answers to one buffered request, as Envoy receives them.
 *
 * @param headers the answer to request_headers
 * @param body the answer to request_body (for Inferoute, the routing decision)
 */
record Answers(ProcessingResponse headers, ProcessingResponse body) {
  private static final long TIMEOUT_SECONDS = 10;

  /**
   * Sends {@code headers}, then {@code body} once headers are answered, on one stream of {@code
   * channel}, half-closes after the second answer and returns both answers.
   *
   * @throws IllegalStateException when the stream fails, closes early, answers with another kind
   *     of message or not within 10 s
   */
  static Answers record(ManagedChannel channel, ProcessingRequest headers, ProcessingRequest body)
      throws InterruptedException {
    List<ProcessingResponse> got = new ArrayList<>(2);
    CountDownLatch done = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    var stream = new Object() {
      @Nullable StreamObserver<ProcessingRequest> requests;
    };
    stream.requests = ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
      @Override
      public void onNext(ProcessingResponse response) {
        synchronized (got) {
          got.add(response);
          if (got.size() == 1) {
            stream.requests.onNext(body);
          } else {
            stream.requests.onCompleted();
          }
        }
      }

      @Override
      public void onError(Throwable t) {
        failure[0] = t;
        done.countDown();
      }

      @Override
      public void onCompleted() {
        done.countDown();
      }
    });
    synchronized (got) {
      stream.requests.onNext(headers);
    }
    if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      synchronized (got) { // the stream's callbacks may still be using it
        stream.requests.onError(new IllegalStateException("no answer"));
      }
      throw new IllegalStateException("answers: none within " + TIMEOUT_SECONDS
          + " s (expected: request_headers and request_body answered)");
    }
    synchronized (got) {
      if (failure[0] != null || got.size() != 2 || !got.get(0).hasRequestHeaders()
          || !got.get(1).hasRequestBody()) {
        throw new IllegalStateException("answers: " + got.stream()
            .map(r -> r.getResponseCase().toString()).toList()
            + (failure[0] == null ? "" : ", then " + failure[0])
            + " (expected: [REQUEST_HEADERS, REQUEST_BODY], then the stream closed)");
      }
      return new Answers(got.get(0), got.get(1));
    }
  }
}
