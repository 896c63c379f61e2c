package io.inferoute.scrape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One sample line of a Prometheus exposition: {@code name{labels} value [timestamp]}.
 *
 * @param name the metric name as written (e.g. {@code vllm:time_to_first_token_seconds_bucket})
 * @param labels label names to unescaped values, in the order written
 * @param value the value; may be NaN or infinite
 * @param timestampMillis milliseconds since the epoch, or null when the line has none
 */
public record Sample(String name, Map<String, String> labels, double value, @Nullable Long timestampMillis) {
  public Sample {
    Objects.requireNonNull(name, "name");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The value of label {@code name}, or null when the sample has no such label. */
  public @Nullable String label(String name) {
    return labels.get(name);
  }
}
