package io.inferoute.routing;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Read access to request headers by lower-case name, without copying them into a map. */
@FunctionalInterface
public interface Headers {
  /** No headers. */
  Headers NONE = name -> null;

  /** The value of a header, or null when absent; {@code lowerCaseName} is already lower case. */
  @Nullable String get(String lowerCaseName);

  /** Headers backed by a map whose keys may be in any case. */
  static Headers of(Map<String, String> headers) {
    java.util.HashMap<String, String> lower = new java.util.HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower::get;
  }
}
