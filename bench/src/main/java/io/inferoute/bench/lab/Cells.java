package io.inferoute.bench.lab;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Number formats of the report's tables; NaN shows as a dash. */
final class Cells {
  static final String NONE = "—";

  private Cells() {}

  /** Milliseconds: whole above 100, else with decimals. */
  static String ms(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 10 ? "%.1f" : "%.2f", value);
  }

  /** A share as a percentage with one decimal. */
  static String pct(double share) {
    return Double.isNaN(share) ? NONE : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** A ratio such as {@code 0.42×}. */
  static String ratio(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? NONE
        : String.format(Locale.ROOT, value >= 10 ? "%.1f×" : "%.2f×", value);
  }

  /** A plain number with thousands separators and no decimals. */
  static String count(double value) {
    return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%,.0f", value);
  }

  /** Dollars with three decimals. */
  static String money(double value) {
    return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "$%.3f", value);
  }

  /** A load factor such as {@code 0.8×}. */
  static String load(double value) {
    return String.format(Locale.ROOT, "%.1f×", value);
  }

  /** A tier mix such as {@code edge-gpu 40%, cloud 60%}. */
  static String mix(Map<String, Double> mix) {
    return mix.isEmpty() ? NONE : mix.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Errors with their kinds, e.g. {@code 3 (HTTP 429: 2, timeout: 1)}. */
  static String errors(int count, Map<String, Integer> kinds) {
    if (count == 0) {
      return "0";
    }
    return count + " (" + kinds.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ")) + ")";
  }

  /** A Markdown table row. */
  static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** A Markdown header row with its rule: the first column left-aligned, the others right. */
  static String header(String... cells) {
    return header(1, cells);
  }

  /** A Markdown header row with its rule: the first {@code left} columns left-aligned. */
  static String header(int left, String... cells) {
    StringBuilder rule = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      rule.append(i < left ? "---|" : "---:|");
    }
    return row(cells) + rule + "\n";
  }
}
