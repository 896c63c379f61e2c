package io.inferoute.bench.lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Renders a {@link Figure} to a PNG with Java2D, headless, with the same layout as the SVG. */
public final class PngChart {
  private PngChart() {}

  /** Draws {@code figure} into a new image. */
  public static BufferedImage render(Figure figure) {
    // Plots are drawn on build machines without a display.
    System.setProperty("java.awt.headless", "true");
    BufferedImage image =
        new BufferedImage(Figure.WIDTH, figure.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      ChartPainter.paint(figure, new Java2dCanvas(g));
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes {@code figure} as PNG to {@code file}, creating its directory. */
  public static void write(Figure figure, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (!ImageIO.write(render(figure), "png", file.toFile())) {
      throw new IOException("format: png (expected: an ImageIO writer for it)");
    }
  }

  private static final class Java2dCanvas implements Canvas {
    private final Graphics2D g;

    Java2dCanvas(Graphics2D g) {
      this.g = g;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width,
        boolean dashed) {
      g.setColor(Color.decode(color));
      g.setStroke(dashed
          ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
              new float[] {6, 4}, 0)
          : new BasicStroke((float) width));
      g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double width) {
      Path2D.Double path = new Path2D.Double();
      path.moveTo(xs[0], ys[0]);
      for (int i = 1; i < xs.length; i++) {
        path.lineTo(xs[i], ys[i]);
      }
      g.setColor(Color.decode(color));
      g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(path);
    }

    @Override
    public void circle(double x, double y, double radius, String color) {
      g.setColor(Color.decode(color));
      g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void rect(double x, double y, double width, double height, String stroke,
        @Nullable String fill) {
      Rectangle2D.Double r = new Rectangle2D.Double(x, y, width, height);
      if (fill != null) {
        g.setColor(Color.decode(fill));
        g.fill(r);
      }
      g.setColor(Color.decode(stroke));
      g.setStroke(new BasicStroke(1));
      g.draw(r);
    }

    @Override
    public void text(double x, double y, String text, int size, Anchor anchor, boolean vertical) {
      g.setColor(Color.decode("#222222"));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
      double width = g.getFontMetrics().stringWidth(text);
      double shift = switch (anchor) {
        case START -> 0;
        case MIDDLE -> -width / 2;
        case END -> -width;
      };
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      if (vertical) {
        g.rotate(-Math.PI / 2);
      }
      g.drawString(text, (float) shift, 0f);
      g.setTransform(saved);
    }
  }
}
