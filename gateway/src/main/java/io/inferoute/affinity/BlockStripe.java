package io.inferoute.affinity;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * One stripe of the block table: for each block hash in the stripe, the endpoints holding it, as a
 * doubly linked chain of entries in primitive arrays, most recently recorded first. Writers take the
 * write lock; readers try an optimistic read first (see {@link StampedLock}) and fall back to the
 * read lock only when a writer interfered, so lookups neither block each other nor allocate.
 *
 * <p>At most {@code maxEntries} entries, and at most {@code maxHolders} per block: the stripe
 * refuses more rather than grow without bound, so every chain walk is O(maxHolders).
 */
final class BlockStripe {
  /** Answer of {@link #add} when the stripe is full or the block already has maxHolders. */
  static final int FULL = -1;

  private static final int NONE = -1;

  private final StampedLock lock = new StampedLock();
  private final int maxEntries;
  private final int maxHolders;
  private final LongIntHashMap heads = new LongIntHashMap(16);
  private int[] endpoint;
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
    prev = new int[initial];
    next = new int[initial];
  }

  /**
   * Adds endpointId as the most recent holder of block (caller knows it is absent); its entry, or
   * FULL when the stripe is full or the block has maxHolders already (the caller evicts one first,
   * but a concurrent recorder may have taken the room since).
   */
  int add(long block, int endpointId) {
    long stamp = lock.writeLock();
    try {
      int head = heads.get(block);
      if (chainLength(head) >= maxHolders) {
        return FULL;
      }
      int entry = allocate();
      if (entry == FULL) {
        return FULL;
      }
      endpoint[entry] = endpointId;
      linkFirst(block, entry, head);
      live++;
      return entry;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Makes the entry that {@link #add} returned for block its most recent holder. The common case,
   * an endpoint re-recording the prefix it recorded last, is decided by an optimistic read alone.
   */
  void touch(long block, int entry) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0L && heads.getRacy(block) == entry && lock.validate(stamp)) {
      return;
    }
    stamp = lock.writeLock();
    try {
      int head = heads.get(block);
      if (head != entry) {
        unlink(block, entry); // not the head: leaves the head as it was
        linkFirst(block, entry, head);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
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
   * Copies the endpoints holding block into scratch (growing it if needed) and returns how many.
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
    int[] links = next;
    int length = Math.min(ids.length, links.length);
    int count = 0;
    while (entry != NONE) {
      if (entry < 0 || entry >= length || count >= maxHolders) {
        return -1;
      }
      scratch.addHolder(count++, ids[entry]);
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
    prev = Arrays.copyOf(prev, capacity);
    next = Arrays.copyOf(next, capacity);
  }
}
