package io.inferoute.bench.lab.chart;

import java.util.List;
import java.util.Objects;

/**
 * One named data series.
 *
 * @param name the legend entry
 * @param points the points, drawn in order
 * @param line true to join the points with a line (a polyline), false for markers only
 */
public record Series(String name, List<Point> points, boolean line) {
  public Series {
    Objects.requireNonNull(name, "name");
    points = List.copyOf(points);
  }

  /** A point; a non-finite coordinate (or y ≤ 0 on a log axis) is left out when drawn. */
  public record Point(double x, double y) {}
}
