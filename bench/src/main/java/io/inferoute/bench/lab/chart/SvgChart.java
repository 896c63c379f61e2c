package io.inferoute.bench.lab.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders a {@link Figure} as a standalone SVG document. */
public final class SvgChart {
  private SvgChart() {}

  /** The SVG text of {@code figure}. */
  public static String render(Figure figure) {
    SvgCanvas canvas = new SvgCanvas();
    canvas.out.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
        Figure.WIDTH, figure.height(), Figure.WIDTH, figure.height()));
    ChartPainter.paint(figure, canvas);
    canvas.out.append("</svg>\n");
    return canvas.out.toString();
  }

  /** Writes {@code figure} as SVG to {@code file}, creating its directory. */
  public static void write(Figure figure, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, render(figure), StandardCharsets.UTF_8);
  }

  /** Escapes text for XML content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final class SvgCanvas implements Canvas {
    final StringBuilder out = new StringBuilder(16_384);

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width,
        boolean dashed) {
      out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, color, width,
          dashed ? " stroke-dasharray=\"6 4\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double width) {
      out.append("<polyline fill=\"none\" stroke=\"").append(color)
          .append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\" points=\"", width));
      for (int i = 0; i < xs.length; i++) {
        out.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", xs[i], ys[i]));
      }
      out.append("\"/>\n");
    }

    @Override
    public void circle(double x, double y, double radius, String color) {
      out.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", x, y, radius, color));
    }

    @Override
    public void rect(double x, double y, double width, double height, String stroke,
        @Nullable String fill) {
      out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
          + " height=\"%.1f\" stroke=\"%s\" fill=\"%s\"/>\n", x, y, width, height, stroke,
          fill == null ? "none" : fill));
    }

    @Override
    public void text(double x, double y, String text, int size, Anchor anchor, boolean vertical) {
      String align = switch (anchor) {
        case START -> "start";
        case MIDDLE -> "middle";
        case END -> "end";
      };
      out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\""
          + " text-anchor=\"%s\" fill=\"#222222\"", x, y, size, align));
      if (vertical) {
        out.append(String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y));
      }
      out.append('>').append(escape(text)).append("</text>\n");
    }
  }
}
