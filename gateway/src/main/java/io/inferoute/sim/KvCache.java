package io.inferoute.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefix blocks a simulated server holds in its KV cache: an LRU of chained block hashes,
 * bounded in blocks. Confined to its server's event loop (not thread-safe).
 */
final class KvCache {
  private final int capacity;
  private final LinkedHashMap<Long, Boolean> blocks;

  KvCache(int capacity) {
    this.capacity = capacity;
    this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > KvCache.this.capacity;
      }
    };
  }

  /**
   * Looks up the leading blocks of a prompt and then stores all of them as most recently used.
   * Block hashes are chained (each covers everything before it), so only a leading run counts.
   *
   * @return how many leading blocks were already cached
   */
  int matchAndInsert(long[] hashes, int count) {
    int hits = 0;
    while (hits < count && blocks.get(hashes[hits]) != null) {
      hits++;
    }
    for (int i = 0; i < count; i++) {
      blocks.put(hashes[i], Boolean.TRUE);
    }
    return hits;
  }

  /** Blocks held now. */
  int used() {
    return blocks.size();
  }

  /** Fraction of the capacity in use, 0..1 (0 for a cache of capacity 0). */
  double usage() {
    return capacity == 0 ? 0 : (double) blocks.size() / capacity;
  }

  /** Forgets everything, as a restarted server would. */
  void clear() {
    blocks.clear();
  }
}
