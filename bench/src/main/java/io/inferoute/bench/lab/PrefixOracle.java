package io.inferoute.bench.lab;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The prefix-cache hit rate no placement can beat on a trace: one infinite KV cache shared by the
 * whole fleet, with the simulators' block chaining. Requests are looked up in trace (arrival)
 * order; a request's leading run of already-seen blocks counts as cached (16 tokens a block, at
 * most its prompt tokens), then all its blocks are stored. The result is cached prompt tokens ÷
 * prompt tokens — exactly what a run's hit rate measures from the servers' usage reports.
 */
public final class PrefixOracle {
  private PrefixOracle() {}

  /** The oracle's hit rate over {@code trace}, 0..1 (0 for an empty trace). */
  public static double hitRate(List<LabRequest> trace) {
    Set<Long> cache = new HashSet<>();
    long cached = 0;
    long prompt = 0;
    for (LabRequest request : trace) {
      PromptBlocks blocks = PromptBlocks.of(request);
      long[] hashes = blocks.blockHashes();
      int hits = 0;
      while (hits < hashes.length && cache.contains(hashes[hits])) {
        hits++;
      }
      for (long hash : hashes) {
        cache.add(hash);
      }
      cached += blocks.cachedTokens(hits);
      prompt += blocks.promptTokens();
    }
    return prompt == 0 ? 0 : (double) cached / prompt;
  }
}
