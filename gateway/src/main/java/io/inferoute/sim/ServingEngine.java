package io.inferoute.sim;

import io.inferoute.affinity.PrefixHasher;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The scheduling model of one simulated server: at most {@code maxConcurrency} generations run,
 * at most {@code maxQueue} wait in FIFO order, and each admitted generation's prompt is looked up
 * in the KV cache to decide how long its prefill takes. Confined to the server's event loop.
 */
final class ServingEngine {
  // Prompts beyond this many blocks are modelled as uncached tails: bounds the work per request.
  private static final int MAX_PROMPT_BLOCKS = 8_192;

  private final SimulatedEndpoint config;
  private final KvCache cache;
  private final SimMetrics metrics = new SimMetrics();
  private final ArrayDeque<Generation> queue = new ArrayDeque<>();
  private final Set<Generation> running = new HashSet<>();
  private final double tokenNanos;

  ServingEngine(SimulatedEndpoint config) {
    this.config = config;
    this.cache = new KvCache(config.kvCacheBlocks());
    this.tokenNanos = 1e9 / config.decodeTokensPerSecond() / config.speedUp();
  }

  SimMetrics metrics() {
    return metrics;
  }

  /** Scaled nanoseconds per output token. */
  double tokenNanos() {
    return tokenNanos;
  }

  /**
   * Runs {@code g} now if a slot is free, else queues it.
   *
   * @return false, changing nothing, when both the slots and the queue are full
   */
  boolean submit(Generation g) {
    if (running.size() < config.maxConcurrency()) {
      admit(g);
      return true;
    }
    if (queue.size() < config.maxQueue()) {
      queue.add(g);
      return true;
    }
    return false;
  }

  /** A running generation ended, one way or another: its slot goes to the oldest waiting one. */
  void finished(Generation g) {
    if (running.remove(g)) {
      while (running.size() < config.maxConcurrency() && !queue.isEmpty()) {
        admit(queue.poll());
      }
    }
  }

  /** A queued generation's client left. */
  void dequeue(Generation g) {
    queue.remove(g);
  }

  /** Forgets all work and the cache, as a crashed and restarted server would. */
  void reset() {
    for (Generation g : running) {
      g.abandon();
    }
    for (Generation g : queue) {
      g.abandon();
    }
    running.clear();
    queue.clear();
    cache.clear();
  }

  /** Forgets the cached blocks only. */
  void clearCache() {
    cache.clear();
  }

  /** The exposition for {@code /metrics}. */
  String renderMetrics() {
    return metrics.render(config.primaryModel(), running.size(), queue.size(), cache.usage());
  }

  private void admit(Generation g) {
    running.add(g);
    CompletionRequest request = g.request();
    int promptTokens = request.promptTokens();
    int cachedTokens = Math.min(promptTokens, lookup(request) * tokensPerBlock());
    metrics.recordPrefixLookup(promptTokens, cachedTokens);
    double prefillNanos = (promptTokens - cachedTokens) * 1e9 / config.prefillTokensPerSecond();
    g.start(cachedTokens, (long) ((prefillNanos + g.networkDelayNanos()) / config.speedUp()));
  }

  private int lookup(CompletionRequest request) {
    if (config.kvCacheBlocks() == 0) {
      return 0;
    }
    int blocks = Math.min(MAX_PROMPT_BLOCKS, request.prompt().length() / SimulatedEndpoint.BLOCK_CHARS);
    long[] hashes = new long[blocks];
    int n = PrefixHasher.hashBlocks(request.prompt(), PrefixHasher.modelSeed(request.model()),
        SimulatedEndpoint.BLOCK_CHARS, blocks, hashes);
    return cache.matchAndInsert(hashes, n);
  }

  private static int tokensPerBlock() {
    return SimulatedEndpoint.BLOCK_CHARS / SimulatedEndpoint.CHARS_PER_TOKEN;
  }
}
