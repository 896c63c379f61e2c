package io.inferoute.scrape;

import java.util.Map;

/**
 * An ORCA load report ({@code xds.data.orca.v3.OrcaLoadReport}) as a backend sends it in its
 * {@code endpoint-load-metrics} response header. Scalars it did not send are NaN (the proto would
 * say 0, but for routing "not reported" and "idle" differ).
 *
 * @param cpuUtilization CPU use, usually 0..1
 * @param memUtilization memory use, 0..1
 * @param applicationUtilization application-defined utilization
 * @param rpsFractional queries per second
 * @param eps errors per second
 * @param namedMetrics free-form metrics, e.g. vLLM's {@code kv_cache_usage_perc} and {@code num_requests_waiting}
 * @param requestCost per-request costs
 * @param utilization named utilizations
 */
public record OrcaLoadReport(
    double cpuUtilization,
    double memUtilization,
    double applicationUtilization,
    double rpsFractional,
    double eps,
    Map<String, Double> namedMetrics,
    Map<String, Double> requestCost,
    Map<String, Double> utilization) {

  public OrcaLoadReport {
    namedMetrics = Map.copyOf(namedMetrics);
    requestCost = Map.copyOf(requestCost);
    utilization = Map.copyOf(utilization);
  }

  /**
   * The load in the named metrics vLLM writes ({@code num_requests_waiting}, {@code
   * num_requests_running}, {@code kv_cache_usage_perc}, a fraction despite its name); -1 for each
   * one absent.
   */
  public LoadSample toLoadSample() {
    return new LoadSample(
        count("num_requests_waiting"), count("num_requests_running"), usage("kv_cache_usage_perc"));
  }

  private int count(String name) {
    Double value = namedMetrics.get(name);
    return value == null || !(value >= 0) ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.round(value));
  }

  private double usage(String name) {
    Double value = namedMetrics.get(name);
    return value == null || !(value >= 0) ? -1 : Math.min(value, 1.0);
  }
}
