package io.inferoute.affinity;

import java.util.Arrays;

/**
 * Per-thread working memory of one {@code matchLengths} call, reused so that a lookup allocates
 * nothing once the arrays have grown to the largest endpoint id and the longest holder list seen.
 *
 * <p>{@code run[id]} is the number of leading blocks candidate {@code id} holds so far; it is valid
 * only where {@code mark[id] == epoch}, so starting a lookup is one increment, not a clear.
 */
final class MatchScratch {
  private static final ThreadLocal<MatchScratch> PER_THREAD = ThreadLocal.withInitial(MatchScratch::new);

  private int[] mark = new int[64];
  private int[] run = new int[64];
  private int[] holders = new int[16];
  private long[] stamps = new long[16];
  private int epoch;
  /** Blocks the last lookup on this thread looked at (plain int: per thread, for tests). */
  int lookups;

  static MatchScratch forCurrentThread() {
    return PER_THREAD.get();
  }

  /** Starts a lookup for the given candidates: each holds zero blocks. */
  void begin(int[] candidateIds, int candidateCount) {
    int maxId = -1;
    for (int i = 0; i < candidateCount; i++) {
      int id = candidateIds[i];
      if (id < 0) {
        throw new IllegalArgumentException("candidateIds[" + i + "]: " + id + " (expected: >= 0)");
      }
      maxId = Math.max(maxId, id);
    }
    if (maxId >= mark.length) {
      int length = Math.max(maxId + 1, mark.length * 2);
      mark = new int[length];
      run = new int[length];
      epoch = 0;
    }
    if (++epoch == 0) {
      // After 2^32 lookups the epoch wraps: clear once so stale marks cannot look current.
      Arrays.fill(mark, 0);
      epoch = 1;
    }
    lookups = 0;
    for (int i = 0; i < candidateCount; i++) {
      int id = candidateIds[i];
      mark[id] = epoch;
      run[id] = 0;
    }
  }

  /** True when holder {@code id} is a candidate whose run is exactly {@code block} blocks. */
  boolean runsTo(int id, int block) {
    return id >= 0 && id < mark.length && mark[id] == epoch && run[id] == block;
  }

  /** Sets the run of a candidate for which {@link #runsTo} held. */
  void setRun(int id, int blocks) {
    run[id] = blocks;
  }

  /** The run of a candidate passed to {@link #begin}. */
  int run(int candidateId) {
    return run[candidateId];
  }

  void addHolder(int index, int endpointId, long stamp) {
    if (index == holders.length) {
      holders = Arrays.copyOf(holders, index * 2);
      stamps = Arrays.copyOf(stamps, index * 2);
    }
    holders[index] = endpointId;
    stamps[index] = stamp;
  }

  int holder(int index) {
    return holders[index];
  }

  /**
   * Orders the first {@code count} holders by the stamp of their last record, most recent first
   * (an insertion sort: there are at most a block's holder cap of them).
   */
  void sortHoldersMostRecentFirst(int count) {
    for (int i = 1; i < count; i++) {
      int id = holders[i];
      long stamp = stamps[i];
      int k = i - 1;
      while (k >= 0 && stamps[k] < stamp) {
        holders[k + 1] = holders[k];
        stamps[k + 1] = stamps[k];
        k--;
      }
      holders[k + 1] = id;
      stamps[k + 1] = stamp;
    }
  }
}
