package io.inferoute.scrape;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which metrics of one inference engine give its queue depth, running requests and KV-cache use.
 *
 * <p>Counts add up over all matching samples (a server serving several models reports one series
 * per {@code model_name}); KV-cache use is the largest matching value of the first selector in
 * {@link #kvCacheUsage()} that is present (so a newer name can come first and an older one serve
 * as fallback), multiplied by {@link #kvCacheUsageScale()} (0.01 for a server reporting percent).
 * Built-in mappings follow the metric names the Gateway API Inference Extension / llm-d use.
 *
 * @param engine a name for messages and configuration
 * @param queue the queue-depth metric, or null when the engine has none
 * @param running the running-requests metric, or null when the engine has none
 * @param kvCacheUsage KV-cache-use metrics, most preferred first; may be empty
 * @param kvCacheUsageScale factor turning the reported value into a fraction 0..1
 */
public record LoadMapping(
    String engine,
    @Nullable MetricSelector queue,
    @Nullable MetricSelector running,
    List<MetricSelector> kvCacheUsage,
    double kvCacheUsageScale) {

  /** vLLM: {@code vllm:num_requests_waiting/running}, {@code vllm:kv_cache_usage_perc} (0..1, V1) or the older {@code vllm:gpu_cache_usage_perc}. */
  public static final LoadMapping VLLM = new LoadMapping("vllm",
      MetricSelector.of("vllm:num_requests_waiting"), MetricSelector.of("vllm:num_requests_running"),
      List.of(MetricSelector.of("vllm:kv_cache_usage_perc"), MetricSelector.of("vllm:gpu_cache_usage_perc")), 1.0);

  /** SGLang: {@code sglang:num_queue_reqs}, {@code sglang:num_running_reqs}, {@code sglang:token_usage} (0..1). */
  public static final LoadMapping SGLANG = new LoadMapping("sglang",
      MetricSelector.of("sglang:num_queue_reqs"), MetricSelector.of("sglang:num_running_reqs"),
      List.of(MetricSelector.of("sglang:token_usage")), 1.0);

  /**
   * TensorRT-LLM's {@code trtllm-serve}: {@code trtllm_num_requests_waiting}, {@code
   * trtllm_num_requests_running}, {@code trtllm_kv_cache_utilization}. Names as the llm-d / Gateway
   * API Inference Extension engine table lists them; not checked against a running trtllm-serve.
   */
  public static final LoadMapping TRTLLM = new LoadMapping("trtllm",
      MetricSelector.of("trtllm_num_requests_waiting"), MetricSelector.of("trtllm_num_requests_running"),
      List.of(MetricSelector.of("trtllm_kv_cache_utilization")), 1.0);

  /**
   * TensorRT-LLM behind Triton: {@code nv_trt_llm_request_metrics{request_type="waiting"}} and
   * {@code "scheduled"}, {@code nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="fraction"}}.
   */
  public static final LoadMapping TRITON_TRTLLM = new LoadMapping("triton-tensorrt-llm",
      MetricSelector.parse("nv_trt_llm_request_metrics{request_type=waiting}"),
      MetricSelector.parse("nv_trt_llm_request_metrics{request_type=scheduled}"),
      List.of(MetricSelector.parse("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=fraction}")), 1.0);

  public LoadMapping {
    Objects.requireNonNull(engine, "engine");
    kvCacheUsage = List.copyOf(kvCacheUsage);
    if (!(kvCacheUsageScale > 0) || Double.isInfinite(kvCacheUsageScale)) {
      throw new IllegalArgumentException(
          "kvCacheUsageScale: " + kvCacheUsageScale + " (expected: a finite number > 0)");
    }
    if (queue == null && running == null && kvCacheUsage.isEmpty()) {
      throw new IllegalArgumentException(
          "mapping " + engine + ": no metric (expected: at least one of queue, running, kvCacheUsage)");
    }
  }

  /**
   * A mapping for another server (an NPU runtime, say) from selector texts as {@link
   * MetricSelector#parse} reads them; null or empty text for a value it does not report.
   */
  public static LoadMapping custom(
      @Nullable String queue, @Nullable String running, @Nullable String kvCacheUsage, double kvCacheUsageScale) {
    return new LoadMapping("custom", selector(queue), selector(running),
        kvCacheUsage == null || kvCacheUsage.isBlank() ? List.of() : List.of(MetricSelector.parse(kvCacheUsage)),
        kvCacheUsageScale);
  }

  /**
   * The built-in mapping for {@code engine}: {@code vllm}, {@code sglang}, {@code trtllm} (alias
   * {@code trtllm-serve}) or {@code triton-tensorrt-llm}, in any case.
   *
   * @throws IllegalArgumentException for any other name ({@code custom} needs {@link #custom})
   */
  public static LoadMapping forEngine(String engine) {
    return switch (engine.toLowerCase(Locale.ROOT)) {
      case "vllm" -> VLLM;
      case "sglang" -> SGLANG;
      case "trtllm", "trtllm-serve" -> TRTLLM;
      case "triton-tensorrt-llm" -> TRITON_TRTLLM;
      default -> throw new IllegalArgumentException("engine: \"" + engine
          + "\" (expected: vllm, sglang, trtllm, triton-tensorrt-llm; custom names need a custom mapping)");
    };
  }

  /** Reads this mapping's values from one exposition; -1 for each value not present. */
  public LoadSample extract(ParsedMetrics metrics) {
    return new LoadSample(count(metrics, queue), count(metrics, running), usage(metrics));
  }

  private static int count(ParsedMetrics metrics, @Nullable MetricSelector selector) {
    if (selector == null) {
      return -1;
    }
    double sum = 0;
    boolean found = false;
    for (Sample sample : metrics.samples(selector.name())) {
      if (selector.matches(sample) && sample.value() >= 0) {
        sum += sample.value();
        found = true;
      }
    }
    return found ? (int) Math.min(Integer.MAX_VALUE, Math.round(sum)) : -1;
  }

  private double usage(ParsedMetrics metrics) {
    for (MetricSelector selector : kvCacheUsage) {
      double max = -1;
      for (Sample sample : metrics.samples(selector.name())) {
        if (selector.matches(sample) && sample.value() >= 0) {
          max = Math.max(max, sample.value() * kvCacheUsageScale);
        }
      }
      if (max >= 0) {
        return Math.min(max, 1.0);
      }
    }
    return -1;
  }

  private static @Nullable MetricSelector selector(@Nullable String text) {
    return text == null || text.isBlank() ? null : MetricSelector.parse(text);
  }
}
