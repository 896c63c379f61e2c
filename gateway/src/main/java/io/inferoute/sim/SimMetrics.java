package io.inferoute.sim;

/**
 * The counters and the TTFT histogram of one simulated server, rendered with vLLM's metric names in
 * the Prometheus text format 0.0.4. Confined to its server's event loop.
 */
final class SimMetrics {
  // vLLM's buckets for vllm:time_to_first_token_seconds.
  private static final double[] TTFT_BUCKETS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    20.0, 40.0, 80.0, 160.0, 640.0, 2560.0
  };

  private final long[] ttftCounts = new long[TTFT_BUCKETS.length + 1];
  private double ttftSum;
  private long prefixQueries;
  private long prefixHits;
  private long promptTokens;
  private long generationTokens;

  /** Counts one prefix-cache lookup, in tokens as vLLM counts them. */
  void recordPrefixLookup(int queriedTokens, int hitTokens) {
    prefixQueries += queriedTokens;
    prefixHits += hitTokens;
  }

  /** Records one time to first token, in seconds. */
  void recordTtft(double seconds) {
    int bucket = 0;
    while (bucket < TTFT_BUCKETS.length && seconds > TTFT_BUCKETS[bucket]) {
      bucket++;
    }
    ttftCounts[bucket]++;
    ttftSum += seconds;
  }

  /** Counts the tokens of one finished request. */
  void recordTokens(int prompt, int generated) {
    promptTokens += prompt;
    generationTokens += generated;
  }

  /** The exposition for {@code /metrics}. */
  String render(String model, int running, int waiting, double kvUsage) {
    String labels = "{model_name=\"" + escape(model) + "\"}";
    StringBuilder out = new StringBuilder(2048);
    gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", labels, running);
    gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels, waiting);
    gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels, kvUsage);
    counter(out, "vllm:prefix_cache_queries_total",
        "Prefix cache queries, in terms of number of queried tokens.", labels, prefixQueries);
    counter(out, "vllm:prefix_cache_hits_total",
        "Prefix cache hits, in terms of number of cached tokens.", labels, prefixHits);
    counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", labels, promptTokens);
    counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", labels, generationTokens);
    histogram(out, model);
    return out.toString();
  }

  private void histogram(StringBuilder out, String model) {
    String name = "vllm:time_to_first_token_seconds";
    out.append("# HELP ").append(name).append(" Histogram of time to first token in seconds.\n");
    out.append("# TYPE ").append(name).append(" histogram\n");
    String modelLabel = "model_name=\"" + escape(model) + "\"";
    long cumulative = 0;
    for (int i = 0; i <= TTFT_BUCKETS.length; i++) {
      cumulative += ttftCounts[i];
      String le = i < TTFT_BUCKETS.length ? Double.toString(TTFT_BUCKETS[i]) : "+Inf";
      out.append(name).append("_bucket{le=\"").append(le).append("\",").append(modelLabel).append("} ")
          .append(number(cumulative)).append('\n');
    }
    out.append(name).append("_count{").append(modelLabel).append("} ").append(number(cumulative)).append('\n');
    out.append(name).append("_sum{").append(modelLabel).append("} ").append(number(ttftSum)).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
    family(out, name, help, "gauge");
    out.append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, String labels, long value) {
    family(out, name, help, "counter");
    out.append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  private static void family(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double value) {
    // Whole numbers as "3.0", like prometheus_client writes them.
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? (long) value + ".0" : Double.toString(value);
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
