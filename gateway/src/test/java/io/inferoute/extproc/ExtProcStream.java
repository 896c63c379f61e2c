package io.inferoute.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One client-side {@code Process} stream over real gRPC, as Envoy opens one per request: send
 * messages, take the answers in order, half-close or reset.
 */
@NullMarked
public final class ExtProcStream {
  /** How long a test waits for one answer before it fails (not a performance bound). */
  public static final long ANSWER_WAIT_SECONDS = 10;

  private final BlockingQueue<ProcessingResponse> answers = new LinkedBlockingQueue<>();
  private final CompletableFuture<Status> closed = new CompletableFuture<>();
  private final ClientCallStreamObserver<ProcessingRequest> requests;

  /** Opens a stream on {@code channel}. */
  public ExtProcStream(ManagedChannel channel) {
    StreamObserver<ProcessingResponse> observer = new StreamObserver<>() {
      @Override
      public void onNext(ProcessingResponse value) {
        answers.add(value);
      }

      @Override
      public void onError(Throwable t) {
        closed.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        closed.complete(Status.OK);
      }
    };
    requests = (ClientCallStreamObserver<ProcessingRequest>)
        ExternalProcessorGrpc.newStub(channel).process(observer);
  }

  public ExtProcStream send(ProcessingRequest request) {
    requests.onNext(request);
    return this;
  }

  /** The next answer; fails the test if none comes. */
  public ProcessingResponse next() {
    ProcessingResponse r = poll();
    if (r == null) {
      throw new AssertionError("no answer within " + ANSWER_WAIT_SECONDS + " s; stream status: "
          + closed.getNow(null));
    }
    return r;
  }

  private @Nullable ProcessingResponse poll() {
    try {
      return answers.poll(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The next answer, or null once the server has closed the stream with nothing left to read
   * (as Envoy sees a failed side stream instead of an answer).
   */
  public @Nullable ProcessingResponse nextOrClosed() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      ProcessingResponse r;
      try {
        r = answers.poll(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (r != null) {
        return r;
      }
      if (closed.isDone() && answers.isEmpty()) {
        return null;
      }
    }
    throw new AssertionError("no answer within " + ANSWER_WAIT_SECONDS + " s");
  }

  /** Answers received and not yet taken. */
  public int pending() {
    return answers.size();
  }

  /** The status the server closed the stream with; waits for it. */
  public Status awaitClose() {
    try {
      return closed.get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("stream not closed: " + e, e);
    }
  }

  /** Whether the server has closed the stream already. */
  public boolean isClosed() {
    return closed.isDone();
  }

  /** Half-close, as Envoy does when it needs nothing more. */
  public void halfClose() {
    requests.onCompleted();
  }

  /** Reset, as Envoy does at the end of a request: the server sees CANCELLED. */
  public void reset() {
    requests.cancel("envoy reset the stream", null);
  }
}
