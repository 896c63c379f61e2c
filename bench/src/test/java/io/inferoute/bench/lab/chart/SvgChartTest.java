package io.inferoute.bench.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void outputIsWellFormedSvgWithOnePolylinePerLineSeries() throws Exception {
    Document svg = parse(SvgChart.render(ChartFixtures.twoPanels()));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg.getDocumentElement().getAttribute("height")).isEqualTo("800");
    // three line series over two panels; the scatter series draws markers only
    assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(3);
  }

  @Test
  void pointsThatCannotBeShownAreLeftOutOfTheLine() throws Exception {
    NodeList lines = parse(SvgChart.render(ChartFixtures.twoPanels()))
        .getElementsByTagNameNS("*", "polyline");
    String second = ((Element) lines.item(1)).getAttribute("points");
    assertThat(second.split(" ")).hasSize(2); // NaN and 0 on a log axis dropped
  }

  @Test
  void textIsEscapedAndLegendNamesEverySeries() throws Exception {
    String svg = SvgChart.render(ChartFixtures.twoPanels());
    assertThat(svg).contains("TTFT &lt;p90&gt; &amp; friends", "Inferoute &quot;latency&quot;",
        ">round robin<", ">oracle<", ">node killed<");
    assertThat(parse(svg).getElementsByTagNameNS("*", "text").getLength()).isGreaterThan(20);
  }

  @Test
  void writesTheFileCreatingItsDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plots/chart.svg");
    SvgChart.write(ChartFixtures.twoPanels(), file);
    assertThat(parse(Files.readString(file)).getDocumentElement().getLocalName()).isEqualTo("svg");
  }
}
