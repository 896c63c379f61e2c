package io.inferoute.internal;

import java.time.Duration;
import java.util.Collection;

/**
 * Argument checks for the policy and Istio records; each returns its value and throws an {@link
 * IllegalArgumentException} whose message reads {@code name: value (expected: …)}.
 */
public final class Checks {
  private Checks() {}

  /** {@code value}, a non-empty name. */
  public static String name(String field, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": \"\" (expected: a non-empty name)");
    }
    return value;
  }

  /** {@code value}, a finite number {@code >= 0}. */
  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a finite number >= 0)");
    }
    return value;
  }

  /** {@code value}, a finite number {@code > 0}. */
  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a finite number > 0)");
    }
    return value;
  }

  /** {@code value}, at least {@code min}. */
  public static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: >= " + min + ")");
    }
    return value;
  }

  /** {@code value}, within {@code [min, max]}. */
  public static int between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + ": " + value + " (expected: " + min + ".." + max + ")");
    }
    return value;
  }

  /** {@code value}, within {@code [0, 1]}. */
  public static double fraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: 0..1)");
    }
    return value;
  }

  /** {@code value}, a duration {@code >= 0}. */
  public static Duration nonNegative(String field, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a duration >= 0)");
    }
    return value;
  }

  /** {@code value}, a duration {@code > 0}. */
  public static Duration positive(String field, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a duration > 0)");
    }
    return value;
  }

  /** {@code values}, each a non-empty name (reported as {@code field[]}). */
  public static <T extends Collection<String>> T names(String field, T values) {
    for (String v : values) {
      name(field + "[]", v);
    }
    return values;
  }
}
