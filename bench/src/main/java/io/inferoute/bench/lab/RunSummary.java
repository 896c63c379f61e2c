package io.inferoute.bench.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one run, as the report tables show them.
 *
 * <p>Definitions: latencies are nearest-rank percentiles ({@link Percentiles}) over the requests
 * that succeeded; output tokens/s is the successful requests' output tokens ÷ the run's wall time;
 * the hit rate is Σ cached prompt tokens ÷ Σ prompt tokens as the servers reported them; SLO
 * attainment is the share of interactive requests answered with TTFT ≤ the SLO, failures counting
 * as misses; cost per 1M tokens is Σ (prompt tokens × input price + output tokens × output price of
 * the endpoint that served each successful request) ÷ Σ its tokens × 1e6; the tier mix is the share
 * of successful requests per tier of their endpoint; errors are the requests the client saw fail.
 *
 * @param spec the run
 * @param workload the workload's name
 * @param load the offered load as a multiple of the workload's {@link Capacity}
 * @param offeredRequestsPerSecond requests in the trace ÷ its duration
 * @param requests requests sent
 * @param succeeded requests answered completely with 2xx
 * @param ttftP50Ms TTFT p50 in milliseconds (NaN with no success)
 * @param ttftP90Ms TTFT p90 in milliseconds
 * @param ttftP99Ms TTFT p99 in milliseconds
 * @param e2eP99Ms end-to-end p99 in milliseconds
 * @param outputTokensPerSecond successful output tokens per wall-clock second
 * @param hitRate cached ÷ prompt tokens, 0..1
 * @param oracleHitRate the {@link PrefixOracle} bound for the same trace, 0..1
 * @param interactiveRequests interactive requests sent
 * @param sloAttainment share of them within the TTFT SLO, 0..1 (NaN with none)
 * @param costPerMillionTokens price of the tokens served per 1M tokens (NaN with none)
 * @param tierMix share of successful requests per tier ({@code unknown} when the endpoint was not
 *     reported or not in the fleet), 0..1
 * @param errors requests that failed as the client saw them
 * @param errorKinds their count per kind ({@code HTTP 429}, {@code timeout}, …)
 */
public record RunSummary(
    RunSpec spec,
    String workload,
    double load,
    double offeredRequestsPerSecond,
    int requests,
    int succeeded,
    double ttftP50Ms,
    double ttftP90Ms,
    double ttftP99Ms,
    double e2eP99Ms,
    double outputTokensPerSecond,
    double hitRate,
    double oracleHitRate,
    int interactiveRequests,
    double sloAttainment,
    double costPerMillionTokens,
    Map<String, Double> tierMix,
    int errors,
    Map<String, Integer> errorKinds) {

  private static final int MAX_KIND_CHARS = 48;

  public RunSummary {
    // Sorted, so tables list tiers and kinds in a stable order.
    tierMix = Collections.unmodifiableMap(new TreeMap<>(tierMix));
    errorKinds = Collections.unmodifiableMap(new TreeMap<>(errorKinds));
  }

  /**
   * Summarises {@code output} of a run over {@code fleet}.
   *
   * @param workload the workload's name
   * @param load the offered load as a multiple of capacity
   * @param traceSeconds the trace's duration, for the offered rate
   * @param oracleHitRate the oracle's hit rate on the same trace
   */
  public static RunSummary of(RunOutput output, List<FleetNode> fleet, String workload, double load,
      double traceSeconds, double oracleHitRate) {
    List<Outcome> all = output.outcomes();
    List<Outcome> ok = all.stream().filter(Outcome::ok).toList();
    long sloNanos = output.spec().ttftSlo().toNanos();
    long interactive = all.stream().filter(o -> o.request().interactive()).count();
    long onTime = all.stream().filter(o -> o.request().interactive() && withinSlo(o, sloNanos)).count();
    return new RunSummary(output.spec(), workload, load, all.size() / traceSeconds, all.size(),
        ok.size(), percentileMs(ok, 50, false), percentileMs(ok, 90, false),
        percentileMs(ok, 99, false), percentileMs(ok, 99, true),
        outputTokensPerSecond(ok, output.wallNanos()), hitRate(all), oracleHitRate,
        (int) interactive, interactive == 0 ? Double.NaN : (double) onTime / interactive,
        costPerMillion(ok, byName(fleet)), tierMix(ok, byName(fleet)), all.size() - ok.size(),
        errorKinds(all));
  }

  /** The hit rate as a fraction of the oracle's (NaN when the oracle is 0). */
  public double hitOfOracle() {
    return oracleHitRate == 0 ? Double.NaN : hitRate / oracleHitRate;
  }

  private static boolean withinSlo(Outcome o, long sloNanos) {
    return o.ok() && o.ttftNanos() >= 0 && o.ttftNanos() <= sloNanos;
  }

  private static double percentileMs(List<Outcome> ok, double p, boolean endToEnd) {
    List<Long> values = new ArrayList<>(ok.size());
    for (Outcome o : ok) {
      long v = endToEnd ? o.e2eNanos() : o.ttftNanos();
      if (v >= 0) {
        values.add(v);
      }
    }
    long[] array = values.stream().mapToLong(Long::longValue).toArray();
    return Percentiles.nearestRank(array, p) / 1e6;
  }

  private static double outputTokensPerSecond(List<Outcome> ok, long wallNanos) {
    long tokens = ok.stream().mapToLong(Outcome::outputTokens).sum();
    return wallNanos <= 0 ? 0 : tokens / (wallNanos / 1e9);
  }

  private static double hitRate(List<Outcome> all) {
    long prompt = all.stream().mapToLong(Outcome::promptTokens).sum();
    long cached = all.stream().mapToLong(Outcome::cachedTokens).sum();
    return prompt == 0 ? 0 : (double) cached / prompt;
  }

  private static double costPerMillion(List<Outcome> ok, Map<String, FleetNode> nodes) {
    double dollars = 0;
    long tokens = 0;
    for (Outcome o : ok) {
      FleetNode node = o.endpoint() == null ? null : nodes.get(o.endpoint());
      if (node != null) {
        dollars += (o.promptTokens() * node.inputPricePerMillion()
            + o.outputTokens() * node.outputPricePerMillion()) / 1e6;
        tokens += o.promptTokens() + o.outputTokens();
      }
    }
    return tokens == 0 ? Double.NaN : dollars / tokens * 1e6;
  }

  private static Map<String, Double> tierMix(List<Outcome> ok, Map<String, FleetNode> nodes) {
    Map<String, Double> mix = new TreeMap<>();
    for (Outcome o : ok) {
      FleetNode node = o.endpoint() == null ? null : nodes.get(o.endpoint());
      mix.merge(node == null ? "unknown" : node.tier(), 1.0 / ok.size(), Double::sum);
    }
    return mix;
  }

  private static Map<String, Integer> errorKinds(List<Outcome> all) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (Outcome o : all) {
      if (!o.ok()) {
        kinds.merge(kind(o), 1, Integer::sum);
      }
    }
    return kinds;
  }

  /** A failure's kind: its HTTP status when it had a non-2xx one, else its error text, shortened. */
  static String kind(Outcome o) {
    if (o.status() != 0 && (o.status() < 200 || o.status() >= 300)) {
      return "HTTP " + o.status();
    }
    String error = o.error() == null ? "no response" : o.error();
    return error.length() <= MAX_KIND_CHARS ? error : error.substring(0, MAX_KIND_CHARS) + "…";
  }

  private static Map<String, FleetNode> byName(List<FleetNode> fleet) {
    Map<String, FleetNode> map = new HashMap<>();
    for (FleetNode node : fleet) {
      map.put(node.name(), node);
    }
    return map;
  }
}
