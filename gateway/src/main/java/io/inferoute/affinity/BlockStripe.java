package io.inferoute.affinity;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * One stripe of the block table: for each block hash in the stripe, the endpoints holding it, as a
 * doubly linked chain of entries in primitive arrays, each entry with the stamp of the record that
 * last touched it (holder recency is by stamp, not by chain order, so re-recording a held block
 * writes one number instead of relinking under the write lock). Writers take the write lock;
 * readers try an optimistic read first (see {@link StampedLock}) and fall back to the read lock
 * only when a writer interfered, so lookups neither block each other nor allocate.
 *
 * <p>At most {@code maxEntries} entries, and at most {@code maxHolders} per block: the stripe
 * refuses more rather than grow without bound, so every chain walk is O(maxHolders).
 */
final class BlockStripe {
  /** Answer of {@link #add} when the stripe is full. */
  static final int FULL = -1;
  /** Answer of {@link #add} when the block already has maxHolders. */
  static final int CAPPED = -2;

  private static final int NONE = -1;

  private final StampedLock lock = new StampedLock();
  private final int maxEntries;
  private final int maxHolders;
  private final LongIntHashMap heads = new LongIntHashMap(16);
  private int[] endpoint;
  private long[] touchedAt;
  private int[] prev;
  private int[] next;
  private int used;
  private int freeHead = NONE;
  private int live;

  BlockStripe(int maxEntries, int maxHolders) {
    this.maxEntries = maxEntries;
    this.maxHolders = maxHolders;
    int initial = Math.max(1, Math.min(16, maxEntries));
    endpoint = new int[initial];
    touchedAt = new long[initial];
    prev = new int[initial];
    next = new int[initial];
  }

  /**
   * Adds endpointId as a holder of block (caller knows it is absent), touched at {@code touched};
   * its entry; FULL when the stripe is full, CAPPED when the block has maxHolders already.
   */
  int add(long block, int endpointId, long touched) {
    long stamp = lock.writeLock();
    try {
      int head = heads.get(block);
      if (chainLength(head) >= maxHolders) {
        return CAPPED;
      }
      int entry = allocate();
      if (entry == FULL) {
        return FULL;
      }
      endpoint[entry] = endpointId;
      touchedAt[entry] = touched;
      linkFirst(block, entry, head);
      live++;
      return entry;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Marks the entry that {@link #add} returned as touched at {@code recorded}: one plain write, no
   * lock. The caller holds the entry's endpoint lock, so the entry cannot be removed or reused
   * meanwhile. A write racing a grow of this stripe's arrays (a doubling, so a handful of times in
   * a stripe's life) may land in the old array and be lost: the holder then looks as old as its
   * previous record at this one block, which at worst makes it the one to give the block up when
   * the block is at its holder cap. For a cache of hints that beats a lock or a fence per block of
   * every decision (profiled under the ext_proc load driver: the write lock was 7% of the server
   * thread's samples, a write then a full fence then an optimistic validation still about 4%).
   */
  void touch(int entry, long recorded) {
    touchedAt[entry] = recorded;
  }

  /** Removes the entry that {@link #add} returned for block. */
  void remove(long block, int entry) {
    long stamp = lock.writeLock();
    try {
      unlink(block, entry);
      next[entry] = freeHead;
      freeHead = entry;
      live--;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Copies the endpoints holding block, with the stamps of their last records, into scratch
   * (growing it if needed) and returns how many; in no particular order.
   */
  int holders(long block, MatchScratch scratch) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0L) {
      int count = readHolders(block, scratch);
      if (count >= 0 && lock.validate(stamp)) {
        return count;
      }
    }
    stamp = lock.readLock();
    try {
      return readHolders(block, scratch);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Entries held, for tests. */
  int entries() {
    long stamp = lock.readLock();
    try {
      return live;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  // May run concurrently with a writer: reads each array once, checks every index and bounds the
  // walk by maxHolders; answers -1 when what it saw cannot be a consistent chain (validation fails
  // then anyway).
  private int readHolders(long block, MatchScratch scratch) {
    int entry = heads.getRacy(block);
    int[] ids = endpoint;
    long[] stamps = touchedAt;
    int[] links = next;
    int length = Math.min(Math.min(ids.length, stamps.length), links.length);
    int count = 0;
    while (entry != NONE) {
      if (entry < 0 || entry >= length || count >= maxHolders) {
        return -1;
      }
      scratch.addHolder(count++, ids[entry], stamps[entry]);
      entry = links[entry];
    }
    return count;
  }

  // Caller holds the write lock; head is block's current head or ABSENT (== NONE).
  private void linkFirst(long block, int entry, int head) {
    prev[entry] = NONE;
    next[entry] = head;
    if (head != NONE) {
      prev[head] = entry;
    }
    heads.put(block, entry);
  }

  // Caller holds the write lock.
  private void unlink(long block, int entry) {
    int before = prev[entry];
    int after = next[entry];
    if (after != NONE) {
      prev[after] = before;
    }
    if (before != NONE) {
      next[before] = after;
    } else if (after != NONE) {
      heads.put(block, after);
    } else {
      heads.remove(block);
    }
  }

  // Caller holds the write lock; chains never exceed maxHolders, so this is O(maxHolders).
  private int chainLength(int head) {
    int length = 0;
    for (int entry = head; entry != NONE; entry = next[entry]) {
      length++;
    }
    return length;
  }

  private int allocate() {
    if (freeHead != NONE) {
      int entry = freeHead;
      freeHead = next[entry];
      return entry;
    }
    if (used == endpoint.length) {
      if (used >= maxEntries) {
        return FULL;
      }
      grow(Math.min(maxEntries, used * 2));
    }
    return used++;
  }

  private void grow(int capacity) {
    endpoint = Arrays.copyOf(endpoint, capacity);
    touchedAt = Arrays.copyOf(touchedAt, capacity);
    prev = Arrays.copyOf(prev, capacity);
    next = Arrays.copyOf(next, capacity);
  }
}
