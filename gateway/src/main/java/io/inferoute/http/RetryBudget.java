package io.inferoute.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy's retry budget: a retry may start while the requests retrying now stay below a share of
 * the requests active now, with a floor of a few concurrent retries, so a failing tier cannot turn
 * every request into several. Thread-safe; each granted retry is given back with {@link #release}.
 */
final class RetryBudget {
  private final int percent;
  private final int minConcurrent;
  private final AtomicInteger activeRequests;
  private final AtomicInteger activeRetries = new AtomicInteger();

  /**
   * @param percent retries allowed as a percentage of {@code activeRequests}
   * @param minConcurrent retries always allowed at once
   * @param activeRequests the gateway's count of requests in progress
   */
  RetryBudget(int percent, int minConcurrent, AtomicInteger activeRequests) {
    this.percent = percent;
    this.minConcurrent = minConcurrent;
    this.activeRequests = activeRequests;
  }

  /** Takes a retry permit if the budget allows one now. */
  boolean tryAcquire() {
    for (;;) {
      int retrying = activeRetries.get();
      if (retrying >= limit()) {
        return false;
      }
      if (activeRetries.compareAndSet(retrying, retrying + 1)) {
        return true;
      }
    }
  }

  /** Gives back a permit from {@link #tryAcquire}. */
  void release() {
    activeRetries.decrementAndGet();
  }

  /** Requests retrying now. */
  int active() {
    return activeRetries.get();
  }

  private int limit() {
    long share = (long) activeRequests.get() * percent / 100;
    return (int) Math.max(minConcurrent, share);
  }
}
