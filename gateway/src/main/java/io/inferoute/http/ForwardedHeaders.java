package io.inferoute.http;

import io.inferoute.routing.Headers;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which headers cross the gateway. Client-supplied {@code x-inferoute-*} and {@code
 * x-gateway-destination-endpoint*} headers are dropped, never trusted; hop-by-hop headers
 * (RFC 9110 §7.6.1) belong to one connection and are dropped both ways.
 */
final class ForwardedHeaders {
  /** Decision id header, on the upstream request and the response. */
  static final String DECISION = "x-inferoute-decision";

  /** Tier of the endpoint that served, on the upstream request and the response. */
  static final String TIER = "x-inferoute-tier";

  /** Reject reason code on a rejection, as the ext_proc path sends it. */
  static final String REJECT_REASON = "x-inferoute-reject-reason";

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
      "transfer-encoding", "upgrade", "http2-settings", "host", "content-length", "expect");

  private ForwardedHeaders() {}

  /** Whether a client may not set {@code name} (any case). */
  static boolean isReserved(String name) {
    return startsWithIgnoreCase(name, "x-inferoute-")
        || startsWithIgnoreCase(name, "x-gateway-destination-endpoint");
  }

  /** Whether {@code name} (any case) is a request header to forward upstream. */
  static boolean forwardsRequestHeader(String name) {
    return !name.startsWith(":") && !isReserved(name) && !HOP_BY_HOP.contains(lower(name));
  }

  /** Whether {@code name} (any case) is a response header to pass to the client. */
  static boolean forwardsResponseHeader(String name) {
    String lower = lower(name);
    return !name.startsWith(":") && !HOP_BY_HOP.contains(lower) && !lower.equals("endpoint-load-metrics")
        && !isReserved(name);
  }

  /** Copies the request headers to forward from {@code from} into {@code to}. */
  static void copyRequestHeaders(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> h : from) {
      if (forwardsRequestHeader(h.getKey())) {
        to.add(h.getKey(), h.getValue());
      }
    }
  }

  /** Copies the response headers to pass on from {@code from} into {@code to}. */
  static void copyResponseHeaders(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> h : from) {
      if (forwardsResponseHeader(h.getKey())) {
        to.add(h.getKey(), h.getValue());
      }
    }
  }

  /** The request headers as the engine sees them: reserved ones read as absent. */
  static Headers forRouting(MultiMap headers) {
    return name -> routingValue(headers, name);
  }

  private static @Nullable String routingValue(MultiMap headers, String name) {
    return isReserved(name) ? null : headers.get(name);
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
