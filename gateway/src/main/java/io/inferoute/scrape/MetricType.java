package io.inferoute.scrape;

import org.jspecify.annotations.Nullable;

/** The metric types a {@code # TYPE} line may name in the Prometheus text format 0.0.4. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  UNTYPED;

  /** The type spelled {@code text} exactly as the format writes it (lower case), or null. */
  static @Nullable MetricType fromText(String text) {
    for (MetricType type : values()) {
      if (type.name().toLowerCase(java.util.Locale.ROOT).equals(text)) {
        return type;
      }
    }
    return null;
  }
}
