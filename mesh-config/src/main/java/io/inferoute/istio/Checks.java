package io.inferoute.istio;

/** Argument checks; messages read {@code name: value (expected: …)}. */
final class Checks {
  private Checks() {}

  static String name(String field, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": \"\" (expected: a non-empty name)");
    }
    return value;
  }

  static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: >= " + min + ")");
    }
    return value;
  }

  static int between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
    }
    return value;
  }

  static double fraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: 0..1)");
    }
    return value;
  }

  static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a finite number >= 0)");
    }
    return value;
  }
}
