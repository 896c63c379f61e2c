package io.inferoute.scrape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Selects samples by metric name and, optionally, label values that must match exactly (other
 * labels are ignored): {@code nv_trt_llm_request_metrics{request_type="waiting"}}.
 *
 * @param name the metric name
 * @param labels label values a sample must carry
 */
public record MetricSelector(String name, Map<String, String> labels) {
  public MetricSelector {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metric selector name: \"\" (expected: a metric name)");
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** A selector for every sample named {@code name}. */
  public static MetricSelector of(String name) {
    return new MetricSelector(name, Map.of());
  }

  /**
   * Parses {@code name} or {@code name{label=value,label="value"}} (quotes optional, as the Gateway
   * API Inference Extension writes its metric flags).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static MetricSelector parse(String text) {
    int brace = text.indexOf('{');
    if (brace < 0) {
      return of(text.trim());
    }
    if (!text.endsWith("}")) {
      throw bad(text);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    String inside = text.substring(brace + 1, text.length() - 1).trim();
    for (String pair : inside.isEmpty() ? new String[0] : inside.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw bad(text);
      }
      String value = pair.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      labels.put(pair.substring(0, eq).trim(), value);
    }
    return new MetricSelector(text.substring(0, brace).trim(), labels);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("metric selector: \"" + text
        + "\" (expected: name or name{label=value,...})");
  }

  /** Whether {@code sample} has this name and every label value of this selector. */
  public boolean matches(Sample sample) {
    if (!sample.name().equals(name)) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(sample.labels().get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder s = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> s.append(k).append("=\"").append(v).append("\","));
    s.setLength(s.length() - 1);
    return s.append('}').toString();
  }
}
