package io.inferoute.affinity;

/**
 * An immutable snapshot of a {@link PrefixAffinityIndex}'s counters; subtract two with {@link
 * #minus} to get the activity of an interval.
 *
 * @param lookups calls of {@code matchLengths}
 * @param hits lookups in which at least one candidate held the first block
 * @param matchedBlocks sum over lookups of the longest prefix any candidate held
 * @param evictions blocks dropped to respect a capacity, the holders-per-block cap or the entry
 *     bound (not removals)
 */
public record AffinityStats(long lookups, long hits, long matchedBlocks, long evictions) {
  /** Counters that are all zero. */
  public static final AffinityStats EMPTY = new AffinityStats(0, 0, 0, 0);

  /** The counts accumulated since {@code earlier} was taken (never negative). */
  public AffinityStats minus(AffinityStats earlier) {
    return new AffinityStats(
        Math.max(0, lookups - earlier.lookups),
        Math.max(0, hits - earlier.hits),
        Math.max(0, matchedBlocks - earlier.matchedBlocks),
        Math.max(0, evictions - earlier.evictions));
  }

  /** Fraction of lookups that found a held prefix, 1.0 when there were none. */
  public double hitRate() {
    return lookups == 0 ? 1.0 : (double) hits / lookups;
  }
}
