package io.inferoute.discovery;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to discover and the defaults for what labels do not say.
 *
 * @param namespace the namespace whose EndpointSlices are watched
 * @param selector labels a slice must carry, e.g. {@code inferoute.io/discover: "true"}
 * @param portName the slice port to use, or null for the first one
 * @param defaultTier the tier of endpoints whose slice has no {@code inferoute.io/tier} label
 * @param maxConcurrency the concurrency of each discovered endpoint
 */
public record DiscoverySettings(
    String namespace,
    Map<String, String> selector,
    @Nullable String portName,
    String defaultTier,
    int maxConcurrency) {

  public DiscoverySettings {
    if (namespace.isEmpty() || defaultTier.isEmpty()) {
      throw new IllegalArgumentException("discovery: namespace \"" + namespace + "\", defaultTier \""
          + defaultTier + "\" (expected: non-empty names)");
    }
    selector = Map.copyOf(selector);
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("discovery.maxConcurrency: " + maxConcurrency + " (expected: >= 1)");
    }
  }
}
