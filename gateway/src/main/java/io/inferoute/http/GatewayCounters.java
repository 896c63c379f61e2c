package io.inferoute.http;

import io.inferoute.routing.RejectReason;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's hot counters: {@link LongAdder}s written from every event loop, read as one
 * {@link HttpGatewayStats}. Also the bytes queued towards clients, so tests can see that a slow
 * client never makes the gateway hold a whole response.
 */
final class GatewayCounters {
  private static final RejectReason[] REASONS = RejectReason.values();

  final LongAdder requests = new LongAdder();
  private final LongAdder[] byStatusClass = adders(5);
  final LongAdder aborted = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder retriesDenied = new LongAdder();
  private final LongAdder[] rejects = adders(REASONS.length);
  final LongAdder upstreamFailures = new LongAdder();
  final LongAdder upstreamTimeouts = new LongAdder();
  final LongAdder streamErrors = new LongAdder();
  final LongAdder clientDisconnects = new LongAdder();
  final LongAdder upstreamPauses = new LongAdder();
  /** Exchanges started and not yet finished. */
  final AtomicInteger active = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong peakQueuedBytes = new AtomicLong();

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** Counts a response by the class of its status. */
  void response(int status) {
    int statusClass = status / 100;
    if (statusClass >= 1 && statusClass <= 5) {
      byStatusClass[statusClass - 1].increment();
    }
  }

  void reject(RejectReason reason) {
    rejects[reason.ordinal()].increment();
  }

  /** {@code bytes} were handed to a client connection and are not yet flushed to its socket. */
  void queued(long bytes) {
    long now = queuedBytes.addAndGet(bytes);
    peakQueuedBytes.accumulateAndGet(now, Math::max);
  }

  /** {@code bytes} queued earlier reached the socket (or were dropped with the connection). */
  void flushed(long bytes) {
    queuedBytes.addAndGet(-bytes);
  }

  long queuedBytes() {
    return queuedBytes.get();
  }

  long peakQueuedBytes() {
    return peakQueuedBytes.get();
  }

  HttpGatewayStats snapshot() {
    EnumMap<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : REASONS) {
      r.put(reason, rejects[reason.ordinal()].sum());
    }
    return new HttpGatewayStats(requests.sum(), byStatusClass[0].sum(), byStatusClass[1].sum(),
        byStatusClass[2].sum(), byStatusClass[3].sum(), byStatusClass[4].sum(), aborted.sum(),
        retries.sum(), retriesDenied.sum(), r, upstreamFailures.sum(), upstreamTimeouts.sum(),
        streamErrors.sum(), clientDisconnects.sum(), active.get());
  }
}
