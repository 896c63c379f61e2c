package io.inferoute.http;

import io.inferoute.routing.Headers;
import io.vertx.core.MultiMap;
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

  /** Matched in any case without lower-casing a copy of the name: no allocation per header. */
  private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "http2-settings", "host", "content-length", "expect"};

  private static final String LOAD_REPORT = "endpoint-load-metrics";

  private ForwardedHeaders() {}

  /** Whether a client may not set {@code name} (any case). */
  static boolean isReserved(String name) {
    return startsWithIgnoreCase(name, "x-inferoute-")
        || startsWithIgnoreCase(name, "x-gateway-destination-endpoint");
  }

  /** Whether {@code name} (any case) is a request header to forward upstream. */
  static boolean forwardsRequestHeader(String name) {
    return !name.startsWith(":") && !isReserved(name) && !isHopByHop(name);
  }

  /** Whether {@code name} (any case) is a response header to pass to the client. */
  static boolean forwardsResponseHeader(String name) {
    return !name.startsWith(":") && !isHopByHop(name) && !LOAD_REPORT.equalsIgnoreCase(name)
        && !isReserved(name);
  }

  /**
   * Copies the request headers to forward from {@code from} into {@code to}. {@code forEach} walks
   * Vert.x's header list directly, where an iterator would wrap every entry in a new object.
   */
  static void copyRequestHeaders(MultiMap from, MultiMap to) {
    from.forEach((name, value) -> {
      if (forwardsRequestHeader(name)) {
        to.add(name, value);
      }
    });
  }

  /** Copies the response headers to pass on from {@code from} into {@code to}. */
  static void copyResponseHeaders(MultiMap from, MultiMap to) {
    from.forEach((name, value) -> {
      if (forwardsResponseHeader(name)) {
        to.add(name, value);
      }
    });
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

  private static boolean isHopByHop(String name) {
    for (String h : HOP_BY_HOP) {
      if (name.length() == h.length() && name.regionMatches(true, 0, h, 0, h.length())) {
        return true;
      }
    }
    return false;
  }
}
