package io.inferoute.bench.lab;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One CSV line per run with its summary figures: the lab's raw table. */
final class SummaryCsv {
  private SummaryCsv() {}

  static String of(LabResults r) {
    StringBuilder csv = new StringBuilder("scenario,strategy,path,replicas,load,failure,requests,"
        + "succeeded,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,e2e_p99_ms,output_tokens_per_s,hit_rate,"
        + "oracle_hit_rate,interactive,slo_attainment,cost_per_1m,tier_mix,errors,error_kinds\n");
    for (Scenario s : r.scenarios()) {
      for (PlannedRun run : s.runs()) {
        r.summary(run).ifPresent(x -> csv.append(line(s.name(), run, x)).append('\n'));
      }
    }
    return csv.toString();
  }

  private static String line(String scenario, PlannedRun run, RunSummary x) {
    return String.join(",", scenario, run.strategy().name(), run.path().name(),
        Integer.toString(run.replicas()), num(run.load()), Boolean.toString(run.failure()),
        Integer.toString(x.requests()), Integer.toString(x.succeeded()), num(x.ttftP50Ms()),
        num(x.ttftP90Ms()), num(x.ttftP99Ms()), num(x.e2eP99Ms()), num(x.outputTokensPerSecond()),
        num(x.hitRate()), num(x.oracleHitRate()), Integer.toString(x.interactiveRequests()),
        num(x.sloAttainment()), num(x.costPerMillionTokens()), RunCsv.field(join(x.tierMix())),
        Integer.toString(x.errors()), RunCsv.field(join(x.errorKinds())));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String join(Map<String, ?> map) {
    return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }
}
