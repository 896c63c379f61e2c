package io.inferoute.affinity;

/**
 * Bounded index from prefix-block hash to the endpoints that recently served it.
 *
 * <p>It approximates each model server's KV (prefix) cache from the router's side, as the Gateway
 * API Inference Extension's approximate prefix-cache scorer does: an endpoint that served a prompt
 * probably still caches its leading blocks, so a request sharing them is cheaper there. Block hashes
 * come from {@link PrefixHasher}. Thread-safe; {@link #matchLengths} allocates nothing once warm.
 *
 * <p>Each block remembers only its 16 most recently recorded holders (a prefix held by more is
 * effectively everywhere), so a lookup costs O(blocks × 16) whatever the fleet size; recording a
 * block that has 16 holders makes its oldest holder forget it.
 */
public interface PrefixAffinityIndex {
  /**
   * An index holding at most maxEntries (block, endpoint) entries in total.
   *
   * @throws IllegalArgumentException if maxEntries is not positive
   */
  static PrefixAffinityIndex create(int maxEntries) {
    return new StripedPrefixAffinityIndex(maxEntries);
  }

  /**
   * Per-endpoint capacity in blocks (approximates that server's KV cache); the endpoint's least
   * recently used blocks go first. Until it is set an endpoint is bounded by maxEntries alone.
   */
  void setCapacity(int endpointId, int blocks);

  /**
   * For each {@code i < candidateCount}: {@code out[i]} = number of leading blocks {@code 0..k-1}
   * ALL recorded for endpoint {@code candidateIds[i]} (consecutive prefix match, 0..blocks).
   * Holding block k may be taken as holding the blocks before it (chained hashes, tail-first
   * eviction), so where the index has lost an earlier block of a chain while keeping a later one,
   * the answer lies between the consecutive run and one past the last block held.
   */
  void matchLengths(long[] blockHashes, int blocks, int[] candidateIds, int candidateCount, int[] out);

  /**
   * The endpoint served these blocks: touches them as most recently used, prefix blocks most recent,
   * as model servers evict from the tail of a chain.
   */
  void record(long[] blockHashes, int blocks, int endpointId);

  /** The endpoint left or lost its cache: forget everything it held, and its capacity. */
  void removeEndpoint(int endpointId);

  /** Lookups and matched blocks so far (LongAdder-backed), as an immutable snapshot. */
  AffinityStats stats();

  /** Approximate entries held, for tests and metrics. */
  long size();

  /**
   * Copies into {@code out} the ids of endpoints that recently served {@code blockHash}, at most
   * {@code out.length} and at most 16 of them (the most recent first), and returns how many it
   * copied. Lets the router find the only endpoints that can match a prefix without looking at
   * every candidate.
   */
  int holders(long blockHash, int[] out);
}
