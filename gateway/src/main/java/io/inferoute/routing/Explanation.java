package io.inferoute.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Why a decision came out as it did: per candidate, the filter that removed it, or its score per
 * scorer and predicted TTFT. Built only by {@link RoutingEngine#explain}; decisions without it pay
 * nothing.
 *
 * @param route the matched route
 * @param strategy the route's placement strategy, e.g. {@code inferoute} or {@code round-robin}
 * @param scorersUsed false for a baseline strategy: Inferoute's saturation and budget filters, SLO
 *     and scorers were not used, and a candidate's {@code scores} are the baseline's own values
 * @param model the requested model
 * @param origin the request's origin locality
 * @param outcome {@code placed} or {@code rejected}
 * @param primary the chosen endpoint's name, or null
 * @param fallbacks fallback endpoint names in order
 * @param degraded no candidate met the SLO, so the fastest was taken
 * @param rejectReason the reject code, or null
 * @param message the rejection message, or null
 * @param promptBlocks complete prompt blocks hashed for affinity
 * @param panic the breaker was ignored because too few endpoints were healthy
 * @param candidates every endpoint serving the model, in evaluation order
 */
public record Explanation(
    String route,
    String strategy,
    boolean scorersUsed,
    String model,
    String origin,
    String outcome,
    @Nullable String primary,
    List<String> fallbacks,
    boolean degraded,
    @Nullable String rejectReason,
    @Nullable String message,
    int promptBlocks,
    boolean panic,
    List<Candidate> candidates) {

  private static final String BASELINE_NOTE = " (baseline: Inferoute's saturation and budget"
      + " filters, SLO and scorers were not used)";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One candidate's fate.
   *
   * @param endpoint name
   * @param address {@code ip:port}
   * @param tier its tier
   * @param locality its locality
   * @param removedBy the filter's label, or null when it was scored
   * @param detail what the filter saw (e.g. {@code in-flight 16 >= limit 16}), or empty
   * @param scores scorer label to value 0..1, empty when removed; under a baseline strategy the
   *     values its own rule used ({@code inFlight}; {@code queue}, {@code kvCache}, {@code prefix})
   * @param total weighted score 0..1, 0 when removed or when the strategy does not score
   * @param predictedTtftMs predicted time to first token in ms, 0 when removed or under a baseline
   * @param withinSlo predicted TTFT within the route's SLO; true under a baseline, which has none
   * @param matchedBlocks leading prompt blocks believed cached there
   * @param role {@code primary}, {@code fallback-N} or empty
   */
  public record Candidate(
      String endpoint,
      String address,
      String tier,
      String locality,
      @Nullable String removedBy,
      String detail,
      Map<String, Double> scores,
      double total,
      double predictedTtftMs,
      boolean withinSlo,
      int matchedBlocks,
      String role) {}

  /** Pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("explanation is not serialisable", e);
    }
  }

  /** A fixed-width table for terminals. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("route: ").append(route).append("   model: ").append(model)
        .append("   origin: ").append(origin).append('\n');
    sb.append("strategy: ").append(strategy).append(scorersUsed ? "" : BASELINE_NOTE).append('\n');
    if (primary != null) {
      sb.append("decision: ").append(primary);
      if (!fallbacks.isEmpty()) {
        sb.append("   fallbacks: ").append(String.join(" > ", fallbacks));
      }
      sb.append(degraded ? "   (degraded: no candidate within SLO)" : "").append('\n');
    } else {
      sb.append("rejected: ").append(rejectReason).append(": ").append(message).append('\n');
    }
    sb.append("prompt blocks: ").append(promptBlocks).append(panic ? "   PANIC: health ignored" : "")
        .append("\n\n");
    if (!scorersUsed) {
      appendBaselineRows(sb);
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "%-12s %-22s %-13s %8s %7s %5s %5s %5s %5s %5s %6s  %s%n",
        "role", "endpoint", "tier", "ttft(ms)", "total", "lat", "load", "aff", "cost", "grav",
        "blocks", "removed by"));
    for (Candidate c : candidates) {
      if (c.removedBy() != null) {
        if (!scorersUsed) {
      appendBaselineRows(sb);
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "%-12s %-22s %-13s %8s %7s %5s %5s %5s %5s %5s %6s  %s%n",
            "", c.endpoint(), c.tier(), "-", "-", "", "", "", "", "", "",
            c.removedBy() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")));
      } else {
        sb.append(String.format(Locale.ROOT,
            "%-12s %-22s %-13s %8.1f %7.3f %5.2f %5.2f %5.2f %5.2f %5.2f %6d  %s%n",
            c.role(), c.endpoint(), c.tier(), c.predictedTtftMs(), c.total(),
            c.scores().get("latency"), c.scores().get("load"), c.scores().get("affinity"),
            c.scores().get("cost"), c.scores().get("gravity"), c.matchedBlocks(),
            c.withinSlo() ? "" : "(over SLO)"));
      }
    }
    return sb.toString();
  }

  /** Rows under a baseline: the candidates' fate and the strategy's own values, if any. */
  private void appendBaselineRows(StringBuilder sb) {
    sb.append(String.format(Locale.ROOT, "%-12s %-22s %-13s %7s %6s  %s%n",
        "role", "endpoint", "tier", "total", "blocks", "values / removed by"));
    for (Candidate c : candidates) {
      String last = c.removedBy() != null
          ? c.removedBy() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")
          : c.scores().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(java.util.stream.Collectors.joining(" "));
      sb.append(String.format(Locale.ROOT, "%-12s %-22s %-13s %7.3f %6d  %s%n",
          c.role(), c.endpoint(), c.tier(), c.total(), c.matchedBlocks(), last));
    }
  }
}
