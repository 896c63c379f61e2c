package io.inferoute.policy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which requests a route takes; every given condition must hold.
 *
 * @param model the requested model, or null for any
 * @param pathPrefix a request path prefix (e.g. {@code /v1/chat}), or null for any
 * @param headers header name (lower case) to exact value
 */
public record RouteMatch(@Nullable String model, @Nullable String pathPrefix, Map<String, String> headers) {
  /** Matches every request: the default route. */
  public static final RouteMatch ANY = new RouteMatch(null, null, Map.of());

  public RouteMatch {
    headers = Map.copyOf(headers);
    for (String name : headers.keySet()) {
      if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "match.headers: \"" + name + "\" (expected: a lower-case header name)");
      }
    }
  }

  /** A match on the model alone. */
  public static RouteMatch model(String model) {
    return new RouteMatch(model, null, Map.of());
  }
}
