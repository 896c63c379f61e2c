package io.inferoute.bench.lab.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value range mapped onto pixels, linear or base-10 logarithmic, with readable ticks: multiples
 * of 1, 2 or 5 × 10^k on a linear axis, decades (and 2 and 5 within them when the range is short)
 * on a log axis.
 */
final class Axis {
  private final double min;
  private final double max;
  private final boolean log;
  private final double fromPixel;
  private final double toPixel;

  private Axis(double min, double max, boolean log, double fromPixel, double toPixel) {
    this.min = min;
    this.max = max;
    this.log = log;
    this.fromPixel = fromPixel;
    this.toPixel = toPixel;
  }

  /** An axis covering {@code values} (finite; positive when log), from one pixel to the other. */
  static Axis covering(double[] values, boolean log, double fromPixel, double toPixel) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (lo > hi) {
      lo = log ? 1 : 0;
      hi = log ? 10 : 1;
    }
    if (log) {
      return new Axis(Math.pow(10, Math.floor(Math.log10(lo))),
          Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9)), true, fromPixel, toPixel);
    }
    if (lo == hi) {
      lo -= lo == 0 ? 1 : Math.abs(lo) / 2;
      hi += hi == 0 ? 1 : Math.abs(hi) / 2;
    }
    // Non-negative data close to zero reads best from zero.
    double start = lo >= 0 && lo <= hi / 3 ? 0 : lo;
    double step = niceStep((hi - start) / 5);
    return new Axis(Math.floor(start / step) * step, Math.ceil(hi / step) * step, false, fromPixel,
        toPixel);
  }

  /** Whether the axis can show {@code value}. */
  boolean shows(double value) {
    return Double.isFinite(value) && (!log || value > 0);
  }

  /** The pixel of {@code value}. */
  double pixel(double value) {
    double f = log
        ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
        : (value - min) / (max - min);
    return fromPixel + f * (toPixel - fromPixel);
  }

  /** The tick values, ascending, all within the range. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      boolean fine = Math.log10(max / min) <= 2.01;
      for (double decade = min; decade <= max * 1.0001; decade *= 10) {
        ticks.add(decade);
        if (fine && decade * 2 <= max) {
          ticks.add(decade * 2);
        }
        if (fine && decade * 5 <= max) {
          ticks.add(decade * 5);
        }
      }
      return ticks;
    }
    double step = niceStep((max - min) / 5);
    for (double v = min; v <= max + step * 1e-6; v += step) {
      ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return ticks;
  }

  /** A tick's label: as many decimals as the tick step needs on a linear axis, none needless. */
  String tickLabel(double value) {
    if (log) {
      return label(value);
    }
    double step = niceStep((max - min) / 5);
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return Math.abs(value) >= 10_000 && decimals == 0 ? label(value)
        : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A value's label: no needless decimals. */
  static String label(double value) {
    double abs = Math.abs(value);
    if (abs >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", value / 1000);
    }
    if (abs >= 10 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }
}
