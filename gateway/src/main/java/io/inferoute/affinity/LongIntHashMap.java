package io.inferoute.affinity;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} to non-negative {@code int}, for the index's inner
 * tables: linear probing, Fibonacci hashing of the key, backward-shift deletion (no tombstones),
 * and a table at most half full. Not thread-safe; the owner guards it.
 *
 * <p>{@link #getRacy} may be called without the owner's lock: it never throws or loops forever on a
 * table that is being changed, and the caller validates its answer afterwards (see {@link
 * BlockStripe}).
 */
final class LongIntHashMap {
  /** Answer of {@link #get} for an absent key; also marks an empty slot in {@link #values}. */
  static final int ABSENT = -1;

  // Knuth's multiplicative (Fibonacci) hashing: keys from callers are not always well mixed.
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private long[] keys;
  private int[] values;
  private int shift;
  private int size;

  LongIntHashMap(int expected) {
    int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) << 1);
    allocate(capacity);
  }

  int size() {
    return size;
  }

  /** The value for key, or {@link #ABSENT}. */
  int get(long key) {
    long[] k = keys;
    int[] v = values;
    int mask = k.length - 1;
    for (int i = slot(key, shift); ; i = (i + 1) & mask) {
      int value = v[i];
      if (value == ABSENT || k[i] == key) {
        return value;
      }
    }
  }

  /**
   * Like {@link #get} but safe against concurrent writers: reads each array once, bounds every
   * loop, and answers {@link #ABSENT} when the arrays it saw do not belong together.
   */
  int getRacy(long key) {
    long[] k = keys;
    int[] v = values;
    int length = k.length;
    if (v.length != length) {
      return ABSENT;
    }
    int mask = length - 1;
    int i = slot(key, Long.numberOfLeadingZeros((long) mask)) & mask;
    for (int probes = 0; probes < length; probes++, i = (i + 1) & mask) {
      int value = v[i];
      if (value == ABSENT || k[i] == key) {
        return value;
      }
    }
    return ABSENT;
  }

  /** Maps key to value (value ≥ 0), replacing any previous value. */
  void put(long key, int value) {
    int mask = keys.length - 1;
    int i = slot(key, shift);
    while (values[i] != ABSENT && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (values[i] == ABSENT) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
    if (size * 2 > keys.length) {
      rehash(keys.length * 2);
    }
  }

  /** Removes key if present. */
  void remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, shift);
    while (values[i] != ABSENT) {
      if (keys[i] == key) {
        size--;
        shiftBack(i, mask);
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Forgets every key and shrinks back to a small table. */
  void clear() {
    allocate(8);
  }

  // Backward-shift deletion (Knuth, TAOCP 6.4, Algorithm R): pull later members of the probe run
  // into the hole unless that would move them before their home slot.
  private void shiftBack(int hole, int mask) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      if (values[i] == ABSENT) {
        break;
      }
      int home = slot(keys[i], shift);
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        keys[hole] = keys[i];
        values[hole] = values[i];
        hole = i;
      }
    }
    values[hole] = ABSENT;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private void allocate(int capacity) {
    long[] k = new long[capacity];
    int[] v = new int[capacity];
    Arrays.fill(v, ABSENT);
    shift = Long.numberOfLeadingZeros(capacity - 1L);
    size = 0;
    // Values last: a racy reader that sees the new values array also sees matching keys length.
    keys = k;
    values = v;
  }

  private static int slot(long key, int shift) {
    return (int) ((key * GOLDEN) >>> shift);
  }
}
