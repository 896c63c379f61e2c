package io.inferoute.bench.lab.chart;

import java.util.List;

/**
 * What is written to one file: one or more chart panels stacked vertically.
 *
 * @param panels the panels, top to bottom
 */
public record Figure(List<Chart> panels) {
  /** Panel width in pixels. */
  static final int WIDTH = 860;
  /** Panel height in pixels. */
  static final int PANEL_HEIGHT = 400;

  public Figure {
    panels = List.copyOf(panels);
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("panels: [] (expected: at least one chart)");
    }
  }

  /** A figure of one chart. */
  public static Figure of(Chart chart) {
    return new Figure(List.of(chart));
  }

  /** Total height in pixels. */
  int height() {
    return PANEL_HEIGHT * panels.size();
  }
}
