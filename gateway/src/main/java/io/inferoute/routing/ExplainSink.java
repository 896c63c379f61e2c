package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.PlacementStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Collects what the pipeline saw, only when an explanation is asked for. */
final class ExplainSink {
  private final List<Row> rows = new ArrayList<>();
  boolean panic;
  int promptBlocks;
  int sampled;

  private static final class Row {
    final Endpoint endpoint;
    @Nullable Filter removedBy;
    String detail = "";
    double[] scores = new double[0];
    /** Labels of {@code scores} for a baseline's own values; null for Inferoute's scorers. */
    String @Nullable [] labels;
    double total;
    long predicted;
    boolean withinSlo;
    int matched;

    Row(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  void removed(Endpoint e, Filter filter, String detail) {
    Row r = new Row(e);
    r.removedBy = filter;
    r.detail = detail;
    rows.add(r);
  }

  void scored(Endpoint e, double[] scores, double total, long predicted, boolean withinSlo, int matched) {
    Row r = new Row(e);
    r.scores = scores.clone();
    r.total = total;
    r.predicted = predicted;
    r.withinSlo = withinSlo;
    r.matched = matched;
    rows.add(r);
  }

  /** A candidate a baseline strategy considered, with the values its own rule used (maybe none). */
  void baseline(Endpoint e, String[] labels, double[] values, double total, int matched) {
    Row r = new Row(e);
    r.labels = labels;
    r.scores = values;
    r.total = total;
    r.withinSlo = true;
    r.matched = matched;
    rows.add(r);
  }

  Explanation build(CompiledRoute route, RoutingRequest request, Decision decision) {
    Map<String, String> roles = new HashMap<>();
    List<String> fallbacks = new ArrayList<>();
    String primary = null;
    if (decision instanceof Placement p) {
      primary = p.primary().name();
      roles.put(primary, "primary");
      for (int i = 0; i < p.fallbackCount(); i++) {
        fallbacks.add(p.fallback(i).name());
        roles.put(p.fallback(i).name(), "fallback-" + (i + 1));
      }
    }
    List<Explanation.Candidate> candidates = new ArrayList<>(rows.size());
    for (Row r : rows) {
      candidates.add(candidate(r, roles.getOrDefault(r.endpoint.name(), "")));
    }
    Rejection rejection = decision instanceof Rejection rej ? rej : null;
    PlacementStrategy strategy = route.spec.strategy();
    return new Explanation(route.name, strategy.wireName(), !strategy.baseline(), request.model(),
        request.origin().toString(),
        rejection == null ? "placed" : "rejected", primary, fallbacks,
        decision instanceof Placement p && p.degraded(),
        rejection == null ? null : rejection.reason().code(),
        rejection == null ? null : rejection.message(), promptBlocks, panic, candidates);
  }

  private static Explanation.Candidate candidate(Row r, String role) {
    Map<String, Double> scores = new LinkedHashMap<>();
    if (r.removedBy == null && r.labels != null) {
      for (int i = 0; i < r.labels.length; i++) {
        scores.put(r.labels[i], round(r.scores[i]));
      }
    } else if (r.removedBy == null) {
      for (Scorer s : Scorer.values()) {
        scores.put(s.label(), round(r.scores[s.ordinal()]));
      }
    }
    return new Explanation.Candidate(r.endpoint.name(), r.endpoint.address(),
        r.endpoint.spec().tier(), r.endpoint.spec().locality().toString(),
        r.removedBy == null ? null : r.removedBy.label(), r.detail, scores, round(r.total),
        Math.round(r.predicted / 1e4) / 100.0, r.withinSlo, r.matched, role);
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
