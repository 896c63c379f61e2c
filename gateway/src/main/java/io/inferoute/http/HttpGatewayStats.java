package io.inferoute.http;

import io.inferoute.routing.RejectReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The HTTP gateway's counters at one moment, immutable; {@link #minus} gives the change between
 * two readings.
 *
 * @param requests requests received
 * @param responses1xx responses sent with a 1xx status
 * @param responses2xx … 2xx
 * @param responses3xx … 3xx
 * @param responses4xx … 4xx
 * @param responses5xx … 5xx
 * @param aborted requests that ended without a complete response (client gone, broken stream)
 * @param retries attempts after the first
 * @param retriesDenied retries the retry budget refused
 * @param rejects requests rejected by the gateway or the engine, by reason
 * @param upstreamFailures failed attempts: connect errors, resets, timeouts, 5xx and 429 answers
 * @param upstreamTimeouts requests that hit their deadline
 * @param streamErrors responses that broke after their first byte reached the client
 * @param clientDisconnects clients gone before their response ended
 * @param activeRequests requests in progress when read (a gauge, not a counter)
 */
public record HttpGatewayStats(
    long requests,
    long responses1xx,
    long responses2xx,
    long responses3xx,
    long responses4xx,
    long responses5xx,
    long aborted,
    long retries,
    long retriesDenied,
    Map<RejectReason, Long> rejects,
    long upstreamFailures,
    long upstreamTimeouts,
    long streamErrors,
    long clientDisconnects,
    int activeRequests) {

  public HttpGatewayStats {
    EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
    for (RejectReason r : RejectReason.values()) {
      copy.put(r, rejects.getOrDefault(r, 0L));
    }
    rejects = Collections.unmodifiableMap(copy);
  }

  /** Responses sent with a status of class {@code statusClass} (1 to 5). */
  public long responses(int statusClass) {
    return switch (statusClass) {
      case 1 -> responses1xx;
      case 2 -> responses2xx;
      case 3 -> responses3xx;
      case 4 -> responses4xx;
      case 5 -> responses5xx;
      default -> throw new IllegalArgumentException("statusClass: " + statusClass + " (expected: 1..5)");
    };
  }

  /** Rejects for one reason. */
  public long rejects(RejectReason reason) {
    return rejects.get(reason);
  }

  /** The counts since {@code earlier}; {@link #activeRequests} is this reading's. */
  public HttpGatewayStats minus(HttpGatewayStats earlier) {
    EnumMap<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      r.put(reason, rejects(reason) - earlier.rejects(reason));
    }
    return new HttpGatewayStats(requests - earlier.requests, responses1xx - earlier.responses1xx,
        responses2xx - earlier.responses2xx, responses3xx - earlier.responses3xx,
        responses4xx - earlier.responses4xx, responses5xx - earlier.responses5xx,
        aborted - earlier.aborted, retries - earlier.retries, retriesDenied - earlier.retriesDenied,
        r, upstreamFailures - earlier.upstreamFailures, upstreamTimeouts - earlier.upstreamTimeouts,
        streamErrors - earlier.streamErrors, clientDisconnects - earlier.clientDisconnects,
        activeRequests);
  }
}
