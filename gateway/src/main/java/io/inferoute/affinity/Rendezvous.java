package io.inferoute.affinity;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * Rendezvous (highest-random-weight) hashing so that independent router replicas agree without
 * shared state (Thaler and Ravishankar, "Using name-based mappings to increase hit rates", 1998):
 * every replica ranks the same endpoints for the same key in the same order, and adding or removing
 * one of n endpoints moves only the keys it wins or won, about 1/n of them.
 *
 * <p>Keys come from hash4j's komihash 5.0 under distinct seeds per kind of key; the weight is
 * komihash of the pair, a full 64-bit hash of both words rather than a XOR of them (which would
 * make pairs of endpoints swap rank together across keys).
 */
public final class Rendezvous {
  private static final Hasher64 ENDPOINT_HASHER = Hashing.komihash5_0(0x656e_6470_6f69_6e74L);
  private static final Hasher64 KEY_HASHER = Hashing.komihash5_0(0x6b65_795f_6b65_795fL);
  private static final Hasher64 WEIGHT_HASHER = Hashing.komihash5_0();

  private Rendezvous() {}

  /** Stable key of an endpoint from its NAME (ids differ between replicas; names do not). */
  public static long endpointKey(String endpointName) {
    return ENDPOINT_HASHER.hashCharsToLong(endpointName);
  }

  /** Key of a string such as a session id. */
  public static long hashKey(CharSequence text) {
    return KEY_HASHER.hashCharsToLong(text);
  }

  /** Key of a prefix-block hash from {@link PrefixHasher}. */
  public static long hashKey(long prefixHash) {
    return KEY_HASHER.hashLongToLong(prefixHash);
  }

  /** The weight of an endpoint for a key: komihash 5.0 of both, compared as signed longs. */
  public static long weight(long key, long endpointKey) {
    return WEIGHT_HASHER.hashLongLongToLong(key, endpointKey);
  }

  /**
   * Index {@code i < count} maximising {@code weight(key, endpointKeys[candidates[i]])}, ties by
   * lower endpointKey; -1 when count == 0. The endpoint chosen does not depend on the order of
   * candidates (unless two share an endpoint key, when the first wins).
   */
  public static int pick(long key, long[] endpointKeys, int[] candidates, int count) {
    int best = -1;
    long bestWeight = 0;
    long bestKey = 0;
    for (int i = 0; i < count; i++) {
      long endpointKey = endpointKeys[candidates[i]];
      long w = weight(key, endpointKey);
      if (best < 0 || w > bestWeight || (w == bestWeight && endpointKey < bestKey)) {
        best = i;
        bestWeight = w;
        bestKey = endpointKey;
      }
    }
    return best;
  }
}
