package io.inferoute.bench.lab.chart;

import java.util.List;
import java.util.Objects;

/**
 * One panel: axes, series and optional vertical markers.
 *
 * @param title the panel's title
 * @param xLabel the x axis' label
 * @param yLabel the y axis' label
 * @param logY whether the y axis is logarithmic (base 10)
 * @param series the data, one colour each, in legend order
 * @param markers vertical lines at given x values (events such as a node failure)
 */
public record Chart(
    String title, String xLabel, String yLabel, boolean logY, List<Series> series,
    List<Marker> markers) {

  public Chart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    series = List.copyOf(series);
    markers = List.copyOf(markers);
  }

  /**
   * A vertical marker line.
   *
   * @param x where
   * @param label what happened there
   */
  public record Marker(double x, String label) {}
}
