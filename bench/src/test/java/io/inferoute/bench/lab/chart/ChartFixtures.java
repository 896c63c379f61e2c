package io.inferoute.bench.lab.chart;

import io.inferoute.bench.lab.chart.Series.Point;
import java.util.List;

/** Figures the renderer tests share. */
final class ChartFixtures {
  private ChartFixtures() {}

  /** Two line series (one with a NaN and a zero on a log axis), one scatter series, a marker. */
  static Figure twoPanels() {
    Chart latency = new Chart("TTFT <p90> & friends", "load (×)", "ms", true, List.of(
        new Series("round robin", List.of(new Point(0.3, 120), new Point(0.6, 480),
            new Point(1.0, 9_000)), true),
        new Series("Inferoute \"latency\"", List.of(new Point(0.3, 40), new Point(0.6, Double.NaN),
            new Point(1.0, 0), new Point(1.3, 95)), true),
        new Series("oracle", List.of(new Point(0.8, 300)), false)),
        List.of(new Chart.Marker(0.5, "node killed")));
    Chart errors = new Chart("errors", "time (s)", "errors / s", false, List.of(
        new Series("a", List.of(new Point(0, 0), new Point(1, 3), new Point(2, 0)), true)),
        List.of());
    return new Figure(List.of(latency, errors));
  }
}
