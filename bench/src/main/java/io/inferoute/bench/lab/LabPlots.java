package io.inferoute.bench.lab;

import io.inferoute.bench.lab.chart.Chart;
import io.inferoute.bench.lab.chart.Figure;
import io.inferoute.bench.lab.chart.PngChart;
import io.inferoute.bench.lab.chart.Series;
import io.inferoute.bench.lab.chart.Series.Point;
import io.inferoute.bench.lab.chart.SvgChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The lab's plots, each as SVG and PNG: what the scenarios that ran allow. */
public final class LabPlots {
  private LabPlots() {}

  /**
   * Writes the plots into {@code dir}.
   *
   * @return the base names written (without extension)
   */
  public static List<String> write(LabResults r, Path dir) throws IOException {
    Map<String, Figure> figures = new LinkedHashMap<>();
    r.scenario("sweep").ifPresent(s -> {
      figures.put("ttft-p90-vs-load", Figure.of(sweepChart(r, s, "TTFT p90 vs offered load (chat)",
          "TTFT p90 (ms, log scale)", true, RunSummary::ttftP90Ms, false)));
      figures.put("hit-rate", Figure.of(sweepChart(r, s, "Prefix-cache hit rate vs offered load"
          + " (chat)", "hit rate (%)", false, x -> 100 * x.hitRate(), true)));
    });
    r.scenario("mixed").ifPresent(s -> figures.put("cost-vs-slo", Figure.of(costChart(r, s))));
    r.scenario("failure").ifPresent(s -> figures.put("failure-timeline", failureFigure(r, s)));
    for (Map.Entry<String, Figure> e : figures.entrySet()) {
      SvgChart.write(e.getValue(), dir.resolve(e.getKey() + ".svg"));
      PngChart.write(e.getValue(), dir.resolve(e.getKey() + ".png"));
    }
    return List.copyOf(figures.keySet());
  }

  private static Chart sweepChart(LabResults r, Scenario s, String title, String yLabel,
      boolean logY, ToDoubleFunction<RunSummary> y, boolean withOracle) {
    Map<String, List<Point>> byStrategy = new LinkedHashMap<>();
    Map<Double, Double> oracle = new java.util.TreeMap<>();
    for (PlannedRun run : s.runs()) {
      Optional<RunSummary> summary = r.summary(run);
      summary.ifPresent(x -> {
        byStrategy.computeIfAbsent(run.label(), k -> new ArrayList<>())
            .add(new Point(run.load(), y.applyAsDouble(x)));
        oracle.put(run.load(), 100 * x.oracleHitRate());
      });
    }
    List<Series> series = new ArrayList<>();
    byStrategy.forEach((name, points) -> series.add(new Series(name, sorted(points), true)));
    if (withOracle) {
      List<Point> points = new ArrayList<>();
      oracle.forEach((load, rate) -> points.add(new Point(load, rate)));
      series.add(new Series("oracle (shared infinite cache)", points, true));
    }
    return new Chart(title, "offered load (× capacity)", yLabel, logY, series, List.of());
  }

  private static Chart costChart(LabResults r, Scenario s) {
    List<Series> series = new ArrayList<>();
    for (PlannedRun run : s.runs()) {
      r.summary(run).ifPresent(x -> series.add(new Series(run.label(),
          List.of(new Point(100 * x.sloAttainment(), x.costPerMillionTokens())), false)));
    }
    return new Chart("Cost vs interactive SLO attainment (mixed, 0.8× capacity)",
        "interactive SLO attainment (%)", "$ per 1M tokens", false, series, List.of());
  }

  private static Figure failureFigure(LabResults r, Scenario s) {
    List<Series> ttft = new ArrayList<>();
    List<Series> errors = new ArrayList<>();
    double seconds = s.runs().get(0).duration().toNanos() / 1e9;
    for (PlannedRun run : s.runs()) {
      r.result(run).filter(x -> x.summary() != null).ifPresent(x -> {
        List<Point> p90 = new ArrayList<>();
        List<Point> errs = new ArrayList<>();
        for (Timeline.Bucket b : x.timeline()) {
          p90.add(new Point(b.startSeconds() + 0.5, b.ttftP90Ms()));
          errs.add(new Point(b.startSeconds() + 0.5, b.errorsPerSecond()));
        }
        ttft.add(new Series(run.label(), p90, true));
        errors.add(new Series(run.label(), errs, true));
      });
    }
    List<Chart.Marker> markers = List.of(new Chart.Marker(seconds / 3, "edge node killed"),
        new Chart.Marker(2 * seconds / 3, "revived"));
    return new Figure(List.of(
        new Chart("Node failure: TTFT p90 per second", "requests sent at (s)",
            "TTFT p90 (ms, log scale)", true, ttft, markers),
        // Requests in flight when the node dies fail with a broken stream: they count at the
        // second they were sent, so such errors show just before the kill line.
        new Chart("Node failure: client-visible errors per second", "requests sent at (s)",
            "errors / s", false, errors, markers)));
  }

  private static List<Point> sorted(List<Point> points) {
    List<Point> copy = new ArrayList<>(points);
    copy.sort(java.util.Comparator.comparingDouble(Point::x));
    return copy;
  }
}
