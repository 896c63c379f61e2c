package io.inferoute.http;

import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.Completion;
import io.inferoute.routing.Placement;
import io.vertx.core.http.HttpClientRequest;
import org.jspecify.annotations.Nullable;

/**
 * The upstream attempts of one {@link Exchange}: which endpoint of its placement is tried next, the
 * attempt in flight with its endpoint slot, and whether another may be tried (attempts left,
 * fallbacks left, the deadline, the retry budget). Confined to the exchange's event loop.
 *
 * <p><b>Invariants.</b> Every slot taken by {@link #dispatchNext} is given back exactly once, by
 * {@link #complete} or {@link #abandon}. Each of them, and {@link #invalidate}, moves the attempt
 * number on, so callbacks that still carry the old {@link #id()} can tell they are stale.
 */
final class Attempts {
  private final GatewayState gw;
  private @Nullable Placement placement;
  private int nextCandidate;
  private int count;
  private int id;
  private boolean retryPermit;
  private @Nullable Endpoint current;
  private long startNanos;
  private @Nullable HttpClientRequest upstream;
  private String lastFailure = "no endpoint was tried";
  private int failures;
  private int busyRefusals;

  Attempts(GatewayState gw) {
    this.gw = gw;
  }

  /** Sets the placement whose endpoints are tried, primary first. */
  void place(Placement p) {
    placement = p;
  }

  /**
   * Takes a slot at the next candidate that has one and starts an attempt there, numbered {@link
   * #id()}; null when no candidate is left.
   */
  @Nullable Endpoint dispatchNext() {
    for (Endpoint e = nextCandidate(); e != null; e = nextCandidate()) {
      if (gw.engine.dispatched(e)) {
        current = e;
        count++;
        id++;
        startNanos = gw.ticker.read();
        return e;
      }
    }
    return null;
  }

  /** The next endpoint of the placement, skipping fallbacks at their concurrency limit. */
  private @Nullable Endpoint nextCandidate() {
    Placement p = placement;
    while (p != null && nextCandidate <= p.fallbackCount()) {
      int i = nextCandidate++;
      Endpoint e = i == 0 ? p.primary() : p.fallback(i - 1);
      if (i == 0 || e.telemetry().inFlight() < e.spec().maxConcurrency()) {
        return e;
      }
    }
    return null;
  }

  /** The number of the attempt in flight; a callback holding another number is stale. */
  int id() {
    return id;
  }

  /** The endpoint of the attempt in flight, or null between attempts. */
  @Nullable Endpoint current() {
    return current;
  }

  /** When the attempt in flight started, in {@link io.inferoute.time.Ticker} nanos. */
  long startNanos() {
    return startNanos;
  }

  /** The upstream request of the attempt in flight, once open. */
  void upstream(HttpClientRequest request) {
    upstream = request;
  }

  /** What went wrong with the last failed attempt, for the client's error message. */
  /**
   * Whether every endpoint tried refused with 429: the fleet is busy, not broken, and the client
   * should hear 429 with {@code Retry-After} rather than 502.
   */
  boolean allRefusedAsBusy() {
    return failures > 0 && busyRefusals == failures;
  }

  String lastFailure() {
    return lastFailure;
  }

  /**
   * Whether another endpoint may be tried: attempts, fallbacks and time are left and the retry
   * budget grants this exchange its one permit (taken on the first retry, held to the end).
   */
  boolean canRetry(long deadlineNanos) {
    Placement p = placement;
    if (p == null || count >= gw.settings.maxAttempts() || nextCandidate > p.fallbackCount()
        || gw.ticker.read() >= deadlineNanos) {
      return false;
    }
    if (!retryPermit) {
      retryPermit = gw.retryBudget.tryAcquire();
      if (!retryPermit) {
        gw.counters.retriesDenied.increment();
        return false;
      }
    }
    return true;
  }

  /** The endpoint in flight answered {@code status} (5xx or 429), to be retried elsewhere. */
  void failedWithStatus(int status) {
    Endpoint e = current;
    gw.counters.upstreamFailures.increment();
    lastFailure = (e == null ? "?" : e.name()) + " answered " + status;
    failures++;
    if (status == 429) {
      busyRefusals++;
    }
    complete(Completion.ofStatus(status, -1, gw.ticker.read() - startNanos, -1));
  }

  /** The attempt in flight failed with {@code cause}: counted, remembered and its slot given back. */
  void failed(Throwable cause, long ttftNanos) {
    Endpoint e = current;
    gw.counters.upstreamFailures.increment();
    lastFailure = (e == null ? "?" : e.name()) + ": " + describe(cause);
    failures++;
    completeAsGatewayFailure(ttftNanos);
  }

  /** Gives the slot back with the gateway's own failure as the outcome (deadline, a bug). */
  void completeAsGatewayFailure(long ttftNanos) {
    complete(new Completion(Outcome.GATEWAY_FAILURE, ttftNanos, gw.ticker.read() - startNanos, -1));
  }

  /**
   * Moves the attempt number on, so that the callbacks a reset of the upstream request may run at
   * once are taken as stale, and returns that request (null if not yet open) for the caller to reset.
   */
  @Nullable HttpClientRequest invalidate() {
    HttpClientRequest u = upstream;
    id++;
    return u;
  }

  /** Gives the current endpoint's slot back, exactly once per dispatch. */
  void complete(Completion completion) {
    Endpoint e = release();
    if (e != null) {
      gw.engine.completed(e, completion);
      gw.waitQueue.signal();
    }
  }

  /** Gives the current endpoint's slot back without an outcome, exactly once per dispatch. */
  void abandon() {
    Endpoint e = release();
    if (e != null) {
      gw.engine.abandoned(e);
      gw.waitQueue.signal();
    }
  }

  private @Nullable Endpoint release() {
    Endpoint e = current;
    if (e != null) {
      current = null;
      upstream = null;
      id++;
    }
    return e;
  }

  /** Returns the retry permit, if this exchange took one; called once, when it finishes. */
  void releasePermit() {
    if (retryPermit) {
      gw.retryBudget.release();
    }
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
