package io.inferoute.bench.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request rate a fleet sustains for a workload, the lab's unit of offered load ("1.0× capacity").
 *
 * <p>Definition: the fleet's work-conserving service rate, the sum over nodes of {@code
 * maxConcurrency ÷ mean(S_n)}, where each simulated node runs {@code maxConcurrency} generations at
 * once, each taking {@code S = uncached prompt tokens ÷ prefill speed + output tokens ÷ decode
 * speed} (network delay is not counted). It is what the hardware sustains when every slot is kept
 * busy, whoever places the requests. The cache assumption is the one round robin earns: the trace
 * is played in order over the fleet, request i to node {@code i mod N}, each node with an LRU KV
 * cache of its size and the simulators' block chaining, so shared system prompts and popular
 * documents hit, a session's history mostly does not. A placement that keeps sessions' caches warm
 * makes each request cheaper, so it can go past 1.0×.
 *
 * <p>{@link #roundRobinRequestsPerSecond} is where round robin itself saturates: it gives every
 * node 1/N of the requests, so node n is full when {@code rate / N × mean(S_n) =
 * maxConcurrency_n}, and round robin's limit is the smallest such rate (its {@link #bottleneck}).
 * On a fleet of unequal nodes that is well below 1.0×: the slowest node fills while the others
 * idle. An earlier version of the lab used it as 1.0×; the fleet's rate is the better unit, since
 * "near capacity" should describe the fleet, not the weakest strategy's limit.
 *
 * @param requestsPerSecond the fleet's work-conserving rate (the definition of 1.0×)
 * @param roundRobinRequestsPerSecond the rate at which round robin saturates its slowest node
 * @param bottleneck the node that saturates first under round robin
 * @param meanPromptTokens mean prompt tokens per request
 * @param meanUncachedTokens mean prompt tokens per request not found in cache (round robin)
 * @param meanOutputTokens mean output tokens per request
 */
public record Capacity(
    double requestsPerSecond,
    double roundRobinRequestsPerSecond,
    String bottleneck,
    double meanPromptTokens,
    double meanUncachedTokens,
    double meanOutputTokens) {

  /**
   * Estimates the capacity of {@code fleet} for the requests of {@code trace} (best a long one at
   * about the rate it will run at, since cache reuse depends on the interleaving).
   *
   * @throws IllegalArgumentException if the fleet or the trace is empty
   */
  public static Capacity estimate(List<FleetNode> fleet, List<LabRequest> trace) {
    if (fleet.isEmpty() || trace.isEmpty()) {
      throw new IllegalArgumentException("fleet, trace: " + fleet.size() + ", " + trace.size()
          + " (expected: both non-empty)");
    }
    int n = fleet.size();
    double[] serviceSeconds = new double[n];
    int[] served = new int[n];
    List<Map<Long, Boolean>> caches = fleet.stream().map(Capacity::lru).toList();
    long prompt = 0;
    long uncached = 0;
    long output = 0;
    for (int i = 0; i < trace.size(); i++) {
      int node = i % n;
      LabRequest request = trace.get(i);
      PromptBlocks blocks = PromptBlocks.of(request);
      int miss = blocks.promptTokens() - blocks.cachedTokens(matchAndInsert(caches.get(node), blocks));
      FleetNode f = fleet.get(node);
      serviceSeconds[node] += miss / f.prefillTokensPerSecond()
          + request.maxTokens() / f.decodeTokensPerSecond();
      served[node]++;
      prompt += blocks.promptTokens();
      uncached += miss;
      output += request.maxTokens();
    }
    return of(fleet, serviceSeconds, served, prompt, uncached, output, trace.size());
  }

  private static Capacity of(List<FleetNode> fleet, double[] serviceSeconds, int[] served,
      long prompt, long uncached, long output, int requests) {
    int n = fleet.size();
    double roundRobin = Double.POSITIVE_INFINITY;
    double aggregate = 0;
    String bottleneck = fleet.get(0).name();
    for (int node = 0; node < n; node++) {
      if (served[node] == 0) {
        continue; // a trace shorter than the fleet: the node's share is unknown
      }
      double rate = fleet.get(node).maxConcurrency() / (serviceSeconds[node] / served[node]);
      aggregate += rate;
      if (rate * n < roundRobin) {
        roundRobin = rate * n;
        bottleneck = fleet.get(node).name();
      }
    }
    return new Capacity(aggregate, roundRobin, bottleneck, (double) prompt / requests,
        (double) uncached / requests, (double) output / requests);
  }

  private static Map<Long, Boolean> lru(FleetNode node) {
    int capacity = node.kvCacheBlocks();
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  // As the simulators' KvCache: count the leading run of cached blocks, then store them all.
  private static int matchAndInsert(Map<Long, Boolean> cache, PromptBlocks blocks) {
    long[] hashes = blocks.blockHashes();
    int hits = 0;
    while (hits < hashes.length && cache.get(hashes[hits]) != null) {
      hits++;
    }
    for (long hash : hashes) {
      cache.put(hash, Boolean.TRUE);
    }
    return hits;
  }
}
