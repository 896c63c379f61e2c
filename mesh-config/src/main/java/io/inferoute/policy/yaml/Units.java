package io.inferoute.policy.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one syntax for durations, sizes and percentages in Inferoute configuration.
 *
 * <ul>
 *   <li>Duration: a number and one unit, no space: {@code 150ms}, {@code 1.5s}, {@code 10s},
 *       {@code 5m}; units {@code ns us ms s m h}.
 *   <li>Size: an integer and one unit: {@code 512B}, {@code 64KiB}, {@code 4MiB}, {@code 1GiB}
 *       (binary) or {@code kB MB GB} (decimal).
 *   <li>Percentage: an integer 0..100 and {@code %}: {@code 50%}.
 * </ul>
 *
 * <p>Bare numbers are never accepted: {@code 150} could be milliseconds or seconds.
 */
public final class Units {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB|kB|MB|GB)");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final Map<String, Long> BYTES = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20,
      "GiB", 1L << 30, "kB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L);

  private Units() {}

  /** Parses a duration, or returns null when {@code text} is not one (or is finer than 1 ns). */
  public static @Nullable Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches() || m.group(1).length() > 30) {
      return null;
    }
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2))));
    try {
      return Duration.ofNanos(nanos.toBigIntegerExact().longValueExact());
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Parses a size in bytes, or returns null when {@code text} is not one. */
  public static @Nullable Long parseSize(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches() || m.group(1).length() > 19) {
      return null;
    }
    try {
      return new BigInteger(m.group(1)).multiply(BigInteger.valueOf(BYTES.get(m.group(2))))
          .longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Parses a percentage {@code 0%..100%}, or returns null when {@code text} is not one. */
  public static @Nullable Integer parsePercent(String text) {
    Matcher m = PERCENT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int value = Integer.parseInt(m.group(1));
    return value <= 100 ? value : null;
  }

  /** Formats a duration the way it is written: the largest unit that keeps it whole. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    for (String unit : new String[] {"h", "m", "s", "ms", "us"}) {
      long per = NANOS.get(unit);
      if (nanos != 0 && nanos % per == 0) {
        return nanos / per + unit;
      }
    }
    return nanos + "ns";
  }
}
