package io.inferoute.affinity;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blocks one endpoint holds, least recently used last: a doubly linked list of nodes in
 * primitive arrays plus a {@link LongIntHashMap} from block hash to node. Each node also remembers
 * its entry in the block's {@link BlockStripe}, so forgetting a block is O(1) on both sides.
 *
 * <p>Guarded by {@link #lock}, held by the caller around every other method. Arrays grow with the
 * blocks held, never beyond the capacity.
 */
final class EndpointBlocks {
  static final int NONE = -1;

  /** Held by callers around every method but {@link #size}. */
  final ReentrantLock lock = new ReentrantLock();

  private final LongIntHashMap nodeOf = new LongIntHashMap(16);
  private long[] block = new long[16];
  private int[] entry = new int[16];
  private int[] prev = new int[16];
  private int[] next = new int[16];
  private int[] run = new int[16];
  private int used;
  private int freeHead = NONE;
  private int head = NONE;
  private int tail = NONE;
  private volatile int size;
  private final int id;
  private int capacity;
  private boolean retired;

  EndpointBlocks(int id, int capacity) {
    this.id = id;
    this.capacity = capacity;
  }

  int id() {
    return id;
  }

  /** Blocks held; readable without the lock (an approximation while writers run). */
  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  void capacity(int blocks) {
    capacity = blocks;
  }

  /** True once the endpoint was removed: callers must fetch its successor instead. */
  boolean retired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  /** Makes block most recently used if held: its stripe entry, or {@link #NONE} if not held. */
  int touch(long hash) {
    int node = nodeOf.get(hash);
    if (node == LongIntHashMap.ABSENT) {
      return NONE;
    }
    if (node != head) {
      unlink(node);
      linkFirst(node);
    }
    return entry[node];
  }

  /**
   * How many of {@code hashes[0..count)} are, in this order, the most recently used blocks; their
   * nodes are remembered for {@link #runEntry} and {@link #restoreRun}. No hashing: a walk from
   * the head, which is where an endpoint that served a prefix last keeps it.
   */
  int frontRun(long[] hashes, int count) {
    int n = 0;
    for (int node = head; n < count && node != NONE && block[node] == hashes[n]; node = next[node]) {
      if (n == run.length) {
        run = Arrays.copyOf(run, n * 2);
      }
      run[n++] = node;
    }
    return n;
  }

  /** The stripe entry of the k-th block of the last {@link #frontRun}. */
  int runEntry(int k) {
    return entry[run[k]];
  }

  /**
   * Makes the first {@code n} blocks of the last {@link #frontRun} the most recently used again,
   * in order, after newer blocks went in front of them. The caller made sure none was evicted.
   */
  void restoreRun(int n) {
    for (int k = n - 1; k >= 0; k--) {
      int node = run[k];
      if (node != head) {
        unlink(node);
        linkFirst(node);
      }
    }
  }

  /** The stripe entry of block, or {@link #NONE} if not held. */
  int entryOf(long hash) {
    int node = nodeOf.get(hash);
    return node == LongIntHashMap.ABSENT ? NONE : entry[node];
  }

  /** Adds an absent block as most recently used, with its entry in the block's stripe. */
  void addFirst(long hash, int stripeEntry) {
    int node = allocate();
    block[node] = hash;
    entry[node] = stripeEntry;
    nodeOf.put(hash, node);
    linkFirst(node);
    size = size + 1; // single writer under the lock; volatile only for unlocked readers
  }

  /** Block hash of the least recently used block; only when {@link #size} > 0. */
  long lastBlock() {
    return block[tail];
  }

  /** Stripe entry of the least recently used block; only when {@link #size} > 0. */
  int lastEntry() {
    return entry[tail];
  }

  /** Forgets the least recently used block. */
  void removeLast() {
    free(tail);
  }

  /** Forgets block wherever it is in the order: its stripe entry, or {@link #NONE} if not held. */
  int remove(long hash) {
    int node = nodeOf.get(hash);
    if (node == LongIntHashMap.ABSENT) {
      return NONE;
    }
    int stripeEntry = entry[node];
    free(node);
    return stripeEntry;
  }

  private void free(int node) {
    nodeOf.remove(block[node]);
    unlink(node);
    next[node] = freeHead;
    freeHead = node;
    size = size - 1;
  }

  private void linkFirst(int node) {
    prev[node] = NONE;
    next[node] = head;
    if (head != NONE) {
      prev[head] = node;
    } else {
      tail = node;
    }
    head = node;
  }

  private void unlink(int node) {
    int before = prev[node];
    int after = next[node];
    if (before != NONE) {
      next[before] = after;
    } else {
      head = after;
    }
    if (after != NONE) {
      prev[after] = before;
    } else {
      tail = before;
    }
  }

  private int allocate() {
    if (freeHead != NONE) {
      int node = freeHead;
      freeHead = next[node];
      return node;
    }
    if (used == block.length) {
      int length = used * 2;
      block = Arrays.copyOf(block, length);
      entry = Arrays.copyOf(entry, length);
      prev = Arrays.copyOf(prev, length);
      next = Arrays.copyOf(next, length);
    }
    return used++;
  }
}
