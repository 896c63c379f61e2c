package io.inferoute.bench.lab.chart;

import org.jspecify.annotations.Nullable;

/** The drawing operations a renderer provides; {@link ChartPainter} draws through them. */
interface Canvas {
  /** How a text is placed relative to its anchor point. */
  enum Anchor { START, MIDDLE, END }

  void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

  void polyline(double[] xs, double[] ys, String color, double width);

  void circle(double x, double y, double radius, String color);

  void rect(double x, double y, double width, double height, String stroke, @Nullable String fill);

  /** Text with its baseline at y; rotated a quarter turn counter-clockwise when vertical. */
  void text(double x, double y, String text, int size, Anchor anchor, boolean vertical);
}
