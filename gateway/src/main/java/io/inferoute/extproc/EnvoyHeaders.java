package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.inferoute.routing.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Envoy's header list seen as {@link Headers}, without copying it into a map.
 *
 * <p>Envoy sends header names in lower case and values in {@code raw_value} (bytes), leaving
 * {@code value} empty; older versions used {@code value}. Headers that only Inferoute may set are
 * invisible here: a client could have sent them, and Envoy does not strip them.
 */
final class EnvoyHeaders implements Headers {
  /** The Endpoint Picker Protocol's destination header. */
  static final String DESTINATION = "x-gateway-destination-endpoint";
  /** The header Envoy adds to the response naming the endpoint that served it. */
  static final String SERVED = "x-gateway-destination-endpoint-served";
  private static final String OWN_PREFIX = "x-inferoute-";

  static final EnvoyHeaders EMPTY = new EnvoyHeaders(List.of());

  private static final int UNKNOWN = 0;
  private static final int NONE_RESERVED = 1;
  private static final int SOME_RESERVED = 2;

  private final List<HeaderValue> headers;
  // Confined to the stream's callbacks, like the stream itself.
  private int reserved = UNKNOWN;

  private EnvoyHeaders(List<HeaderValue> headers) {
    this.headers = headers;
  }

  static EnvoyHeaders of(HeaderMap map) {
    return new EnvoyHeaders(map.getHeadersList());
  }

  /** Headers clients must not set: the destination family and Inferoute's own. */
  static boolean isReserved(String lowerCaseName) {
    return lowerCaseName.startsWith(DESTINATION) || lowerCaseName.startsWith(OWN_PREFIX);
  }

  @Override
  public @Nullable String get(String lowerCaseName) {
    return isReserved(lowerCaseName) ? null : unchecked(lowerCaseName);
  }

  /** A header's value even if reserved: for response headers Envoy itself sets. */
  @Nullable String unchecked(String lowerCaseName) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      HeaderValue h = headers.get(i);
      if (h.getKey().equals(lowerCaseName)) {
        return valueOf(h);
      }
    }
    return null;
  }

  /** True when the client sent a reserved header (computed once: both answers ask). */
  boolean hasReserved() {
    int known = reserved;
    if (known == UNKNOWN) {
      known = NONE_RESERVED;
      for (int i = 0, n = headers.size(); i < n; i++) {
        if (isReserved(headers.get(i).getKey())) {
          known = SOME_RESERVED;
          break;
        }
      }
      reserved = known;
    }
    return known == SOME_RESERVED;
  }

  /** Names of the reserved headers present, in order, for removal. */
  void forEachReserved(java.util.function.Consumer<String> sink) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      String key = headers.get(i).getKey();
      if (isReserved(key)) {
        sink.accept(key);
      }
    }
  }

  static String valueOf(HeaderValue h) {
    ByteString raw = h.getRawValue();
    return raw.isEmpty() ? h.getValue() : raw.toString(StandardCharsets.UTF_8);
  }
}
