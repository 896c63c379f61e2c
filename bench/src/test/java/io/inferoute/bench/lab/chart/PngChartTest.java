package io.inferoute.bench.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngChartTest {

  @Test
  void writesAPngThatImageIoDecodes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plots/chart.png");
    PngChart.write(ChartFixtures.twoPanels(), file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Figure.WIDTH);
    assertThat(image.getHeight()).isEqualTo(2 * Figure.PANEL_HEIGHT);
  }

  @Test
  void drawsTheSeriesInTheirColours() {
    BufferedImage image = PngChart.render(ChartFixtures.twoPanels());
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 2) {
      for (int y = 0; y < image.getHeight(); y += 2) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(colours).contains(0xFFFFFF, Integer.parseInt(ChartPainter.color(0).substring(1), 16),
        Integer.parseInt(ChartPainter.color(1).substring(1), 16));
  }
}
