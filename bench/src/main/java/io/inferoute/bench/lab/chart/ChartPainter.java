package io.inferoute.bench.lab.chart;

import io.inferoute.bench.lab.chart.Canvas.Anchor;
import java.util.ArrayList;
import java.util.List;

/** Draws a {@link Figure} on a {@link Canvas}: one layout for every output format. */
final class ChartPainter {
  private static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };
  private static final double LEFT = 80;
  private static final double RIGHT = Figure.WIDTH - 230;
  private static final double TOP = 44;
  private static final double BOTTOM = 56;
  private static final String GRID = "#e6e6e6";
  private static final String INK = "#222222";

  private ChartPainter() {}

  /** The colour of the i-th series. */
  static String color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  static void paint(Figure figure, Canvas canvas) {
    canvas.rect(0, 0, Figure.WIDTH, figure.height(), "#ffffff", "#ffffff");
    for (int i = 0; i < figure.panels().size(); i++) {
      paintPanel(figure.panels().get(i), i * Figure.PANEL_HEIGHT, canvas);
    }
  }

  private static void paintPanel(Chart chart, double top, Canvas canvas) {
    double plotTop = top + TOP;
    double plotBottom = top + Figure.PANEL_HEIGHT - BOTTOM;
    Axis x = Axis.covering(xs(chart), false, LEFT, RIGHT);
    Axis y = Axis.covering(ys(chart), chart.logY(), plotBottom, plotTop);
    canvas.text(LEFT, top + 26, chart.title(), 15, Anchor.START, false);
    paintGrid(x, y, plotTop, plotBottom, canvas);
    canvas.rect(LEFT, plotTop, RIGHT - LEFT, plotBottom - plotTop, INK, null);
    canvas.text((LEFT + RIGHT) / 2, plotBottom + 42, chart.xLabel(), 12, Anchor.MIDDLE, false);
    canvas.text(LEFT - 54, (plotTop + plotBottom) / 2, chart.yLabel(), 12, Anchor.MIDDLE, true);
    for (Chart.Marker marker : chart.markers()) {
      double px = x.pixel(marker.x());
      canvas.line(px, plotTop, px, plotBottom, "#888888", 1.2, true);
      canvas.text(px + 4, plotTop + 14, marker.label(), 11, Anchor.START, false);
    }
    for (int i = 0; i < chart.series().size(); i++) {
      paintSeries(chart.series().get(i), color(i), x, y, canvas);
      paintLegendEntry(chart.series().get(i), color(i), plotTop + 10 + 20 * i, canvas);
    }
  }

  private static void paintGrid(Axis x, Axis y, double plotTop, double plotBottom, Canvas canvas) {
    for (double tick : x.ticks()) {
      double px = x.pixel(tick);
      canvas.line(px, plotTop, px, plotBottom, GRID, 1, false);
      canvas.text(px, plotBottom + 18, x.tickLabel(tick), 11, Anchor.MIDDLE, false);
    }
    for (double tick : y.ticks()) {
      double py = y.pixel(tick);
      canvas.line(LEFT, py, RIGHT, py, GRID, 1, false);
      canvas.text(LEFT - 6, py + 4, y.tickLabel(tick), 11, Anchor.END, false);
    }
  }

  private static void paintSeries(Series series, String color, Axis x, Axis y, Canvas canvas) {
    List<double[]> points = new ArrayList<>();
    for (Series.Point p : series.points()) {
      if (x.shows(p.x()) && y.shows(p.y())) {
        points.add(new double[] {x.pixel(p.x()), y.pixel(p.y())});
      }
    }
    if (series.line() && !points.isEmpty()) {
      double[] px = points.stream().mapToDouble(p -> p[0]).toArray();
      double[] py = points.stream().mapToDouble(p -> p[1]).toArray();
      canvas.polyline(px, py, color, 2);
    }
    for (double[] p : points) {
      canvas.circle(p[0], p[1], series.line() ? 3 : 6, color);
    }
  }

  private static void paintLegendEntry(Series series, String color, double y, Canvas canvas) {
    double x = RIGHT + 16;
    if (series.line()) {
      canvas.line(x, y - 4, x + 22, y - 4, color, 2, false);
    }
    canvas.circle(x + 11, y - 4, series.line() ? 3 : 6, color);
    canvas.text(x + 30, y, series.name(), 12, Anchor.START, false);
  }

  private static double[] xs(Chart chart) {
    List<Double> values = new ArrayList<>();
    for (Series s : chart.series()) {
      for (Series.Point p : s.points()) {
        if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
          values.add(p.x());
        }
      }
    }
    chart.markers().forEach(m -> values.add(m.x()));
    return values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
  }

  private static double[] ys(Chart chart) {
    List<Double> values = new ArrayList<>();
    for (Series s : chart.series()) {
      for (Series.Point p : s.points()) {
        if (Double.isFinite(p.x()) && Double.isFinite(p.y()) && (!chart.logY() || p.y() > 0)) {
          values.add(p.y());
        }
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
