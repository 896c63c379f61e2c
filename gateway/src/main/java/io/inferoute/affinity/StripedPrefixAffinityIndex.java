package io.inferoute.affinity;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PrefixAffinityIndex} in primitive arrays, striped for concurrency.
 *
 * <h2>Why not Caffeine</h2>
 *
 * The design note suggests Caffeine, bounded by entries and per-endpoint capacity. A {@code
 * Cache<Long, …>} boxes every block hash on every lookup (up to {@code maxBlocks} = 256 per
 * decision, about 4 KiB of garbage against a 256-byte budget), bounds one cache rather than one
 * LRU per endpoint (10,000 Caffeine instances would be heavy), and cannot answer "which endpoints
 * hold block j" without a second structure anyway. This is the structure of the GIE / llm-d
 * approximate prefix-cache indexer (block hash → set of servers, plus an LRU per server whose
 * evictions remove the server from the block's set), built from primitive arrays.
 *
 * <h2>Structure</h2>
 *
 * <ul>
 *   <li><b>Block table</b>: {@value #STRIPES} {@link BlockStripe}s chosen by a mix of the block hash.
 *       Each maps a block hash (open addressing, {@link LongIntHashMap}) to the head of a doubly
 *       linked chain of entries, one per endpoint holding the block, at most {@value
 *       #MAX_HOLDERS_PER_BLOCK} long; each entry carries the stamp of the last record that touched
 *       it (a counter taken once per {@link #record}), which orders the block's holders.
 *   <li><b>Per-endpoint LRU</b>: an {@link EndpointBlocks} per endpoint id holds its blocks in
 *       recency order, each node pointing at its stripe entry, so evicting is O(1) on both sides.
 * </ul>
 *
 * <h2>Lookup ({@link #matchLengths})</h2>
 *
 * Block-major: the candidates are marked in per-thread scratch arrays indexed by endpoint id
 * ({@link MatchScratch}); to look at block j the stripe copies its holders out under an optimistic
 * read of its {@link java.util.concurrent.locks.StampedLock}. The blocks are not all looked at: a
 * galloping search checks the last block of a span that doubles while every candidate still running
 * holds it, and halves when one does not, down to the single block where runs end. Holding block k
 * is taken to mean holding blocks 0..k-1: the chained hashes make block k's content include them,
 * an endpoint's own LRU evicts a chain from its tail (record touches the last block first), and a
 * model server's prefix cache cannot use block k without the blocks before it. The one way this
 * index can hold a later block without an earlier one is the holder cap below, which is this
 * index's bookkeeping, not the endpoint losing its cache; a run found across such a gap is an
 * estimate, as everything here is. A 4 KB prompt of 62 blocks whose first half is held by 16
 * endpoints and the whole by one of them takes 16 lookups instead of 62. Cost: O(candidates +
 * lookups × {@value #MAX_HOLDERS_PER_BLOCK}), lookups at most about twice the blocks when runs end
 * at every block and O(log blocks) per distinct run end otherwise, whatever the fleet size; no
 * locks taken unless a writer interferes, no allocation once the scratch arrays have grown.
 *
 * <h2>Holders per block</h2>
 *
 * A block remembers only its {@value #MAX_HOLDERS_PER_BLOCK} most recently recorded holders. Without
 * a cap, a popular system prompt served by thousands of endpoints has thousands of holders on each of
 * its blocks, and every decision, and every {@link #holders} call, walks or copies them all (tens of
 * µs with 10,000 endpoints). A prefix held by more than {@value #MAX_HOLDERS_PER_BLOCK} endpoints is
 * effectively everywhere: whichever candidate is picked probably has it warm, so knowing its most
 * recent holders still finds a warm endpoint, while every lookup stays O(blocks × {@value
 * #MAX_HOLDERS_PER_BLOCK}). Recording a block that has the cap evicts its least recently recorded
 * holder from both sides, as an LRU eviction of that endpoint would (counted in {@link
 * AffinityStats#evictions}); that holder's LRU loses the block, so both sides stay consistent and
 * the entry count exact. Re-recording a held block makes its holder the block's most recent again
 * by writing the record's stamp into its entry: one plain write, no lock and no relinking, where
 * moving the entry to the front of the chain took the stripe's write lock for every block of every
 * decision (a write racing a grow of the stripe's arrays may be lost; see {@link
 * BlockStripe#touch}).
 * Leading blocks that are already, in order, the front of the endpoint's LRU (it served this
 * prefix last) are found by walking the list from its head, without a hash lookup each.
 *
 * <h2>Record</h2>
 *
 * Under the endpoint's lock, blocks are touched from the last to the first, so block 0 ends most
 * recent and the LRU evicts chains from the tail, as a model server's prefix cache does. A block not
 * held is added to its stripe (stripe write lock, always taken after an endpoint lock, never before:
 * no lock-order cycle) and to the LRU. When the stripe finds the block at {@value
 * #MAX_HOLDERS_PER_BLOCK} holders, its oldest holder whose lock can be {@code tryLock}ed gives it up
 * and the add is tried once more (under contention the holder may be the second oldest; if none
 * can, or a concurrent recorder takes the room, the block is not recorded). When the endpoint is at capacity its own least recently used block goes. When the
 * whole index is at {@code maxEntries}, the endpoint holding the most among the recorder and {@value
 * #EVICTION_SAMPLES} endpoints sampled round-robin gives up its least recently used block (sampled
 * eviction, as Redis approximates LRU): big holders shrink first, in O(1). A sampled victim is only
 * ever {@code tryLock}ed, so two recorders cannot deadlock; if nobody can give a block up, the new
 * one is simply not recorded — this is a cache of hints.
 *
 * <h2>Bounds</h2>
 *
 * <ul>
 *   <li>Entries: an {@link AtomicLong} is reserved by CAS before any insert, so at no instant are
 *       more than {@code maxEntries} entries held; each endpoint holds at most its capacity; each
 *       block has at most {@value #MAX_HOLDERS_PER_BLOCK} holders (checked under the stripe's write
 *       lock, so it holds at every instant too).
 *   <li>Memory: a stripe never grows past {@code min(maxEntries, 4·maxEntries/STRIPES + 64)} entries
 *       (it refuses inserts beyond that: with a good hash the expected load is a quarter of it), each
 *       stripe's hash table is at most twice its entries, and an endpoint's arrays at most twice the
 *       most blocks it held. About 100 bytes per entry all told, O(maxEntries).
 *   <li>Per-thread scratch: two ints per endpoint id up to the largest candidate id, once per thread.
 * </ul>
 */
final class StripedPrefixAffinityIndex implements PrefixAffinityIndex {
  static final int STRIPES = 64;
  /**
   * Endpoints remembered per block hash, the most recently recorded ones: a prefix held by more is
   * effectively everywhere, and the cap bounds a lookup by blocks × this whatever the fleet size.
   */
  static final int MAX_HOLDERS_PER_BLOCK = 16;
  static final int EVICTION_SAMPLES = 8;
  /** Slots looked at per eviction at most, when ids are sparse. */
  private static final int MAX_PROBES = 16 * EVICTION_SAMPLES;
  private static final int STRIPE_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(STRIPES);
  /** Capacity of an endpoint nobody sized: only maxEntries bounds it. */
  private static final int UNSIZED = Integer.MAX_VALUE;

  private final int maxEntries;
  private final BlockStripe[] stripes = new BlockStripe[STRIPES];
  private final AtomicLong entries = new AtomicLong();
  /** Stamps records in order: a block's holders are ordered by the stamp of their last record. */
  private final AtomicLong records = new AtomicLong();
  private final AtomicInteger victimHand = new AtomicInteger();
  private final Object registryLock = new Object();
  private volatile AtomicReferenceArray<EndpointBlocks> endpoints = new AtomicReferenceArray<>(64);
  private final LongAdder lookups = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder matchedBlocks = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  StripedPrefixAffinityIndex(int maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    this.maxEntries = maxEntries;
    int perStripe = (int) Math.min(maxEntries, 4L * ((maxEntries + STRIPES - 1) / STRIPES) + 64);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new BlockStripe(perStripe, MAX_HOLDERS_PER_BLOCK);
    }
  }

  @Override
  public void setCapacity(int endpointId, int blocks) {
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks: " + blocks + " (expected: >= 0)");
    }
    while (true) {
      EndpointBlocks own = endpointFor(endpointId);
      own.lock.lock();
      try {
        if (own.retired()) {
          continue;
        }
        own.capacity(blocks);
        while (own.size() > blocks) {
          evictLast(own, true);
        }
        return;
      } finally {
        own.lock.unlock();
      }
    }
  }

  @Override
  public void matchLengths(
      long[] blockHashes, int blocks, int[] candidateIds, int candidateCount, int[] out) {
    checkCount("blocks", blocks, blockHashes.length);
    checkCount("candidateCount", candidateCount, Math.min(candidateIds.length, out.length));
    MatchScratch scratch = MatchScratch.forCurrentThread();
    scratch.begin(candidateIds, candidateCount);
    int longest = candidateCount == 0 ? 0 : walk(blockHashes, blocks, scratch, candidateCount);
    for (int i = 0; i < candidateCount; i++) {
      out[i] = scratch.run(candidateIds[i]);
    }
    lookups.increment();
    if (longest > 0) {
      hits.increment();
      matchedBlocks.add(longest);
    }
  }

  // Extends candidate runs by a galloping search; returns the longest run. Every live candidate
  // holds blocks 0..j-1. While no miss is known, block j+span-1 is checked and the span doubles
  // each time every live candidate holds it; once a check misses a live candidate (at missAt), the
  // checks bisect j..missAt down to the first block that misses one, where the candidates not
  // holding it are dropped (their run ends there) and galloping restarts for the others. Inferring
  // blocks j..last-1 from block `last` is sound for a prefix-closed holder, which recording from
  // the last block to the first makes the rule (see the class comment).
  private int walk(long[] blockHashes, int blocks, MatchScratch scratch, int candidateCount) {
    int j = 0;
    int live = candidateCount; // distinct candidates whose run is j (an upper bound before block 0)
    int span = 1;
    int missAt = -1; // a block some live candidate does not hold, or -1 when none is known
    while (j < blocks) {
      int last = missAt < 0 ? Math.min(blocks, j + span) - 1 : (j + missAt) >>> 1;
      long hash = blockHashes[last];
      int holders = stripeOf(hash).holders(hash, scratch);
      scratch.lookups++;
      int found = 0;
      for (int k = 0; k < holders; k++) {
        if (scratch.runsTo(scratch.holder(k), j)) {
          found++;
        }
      }
      if (found < live && last > j) {
        missAt = last; // someone stops in j..last: look closer
        continue;
      }
      if (found == 0) {
        return j;
      }
      for (int k = 0; k < holders; k++) {
        int id = scratch.holder(k);
        if (scratch.runsTo(id, j)) {
          scratch.setRun(id, last + 1);
        }
      }
      boolean dropped = found < live; // only ever at last == j
      span = dropped ? 1 : span << 1;
      live = found;
      j = last + 1;
      if (dropped || missAt < j) {
        missAt = -1; // the known miss was a dropped candidate's, or lies behind
      }
    }
    return blocks;
  }

  @Override
  public int holders(long blockHash, int[] out) {
    MatchScratch scratch = MatchScratch.forCurrentThread();
    int held = stripeOf(blockHash).holders(blockHash, scratch);
    scratch.sortHoldersMostRecentFirst(held);
    int count = Math.min(held, out.length);
    for (int i = 0; i < count; i++) {
      out[i] = scratch.holder(i);
    }
    return count;
  }

  @Override
  public void record(long[] blockHashes, int blocks, int endpointId) {
    checkCount("blocks", blocks, blockHashes.length);
    while (true) {
      EndpointBlocks own = endpointFor(endpointId);
      own.lock.lock();
      try {
        if (own.retired()) {
          continue;
        }
        recordAll(own, blockHashes, blocks, records.incrementAndGet());
        return;
      } finally {
        own.lock.unlock();
      }
    }
  }

  // Caller holds own.lock. The leading blocks the endpoint already holds at the front of its LRU
  // (it served this prefix last: the usual case with affinity) skip the endpoint-side lookup;
  // their stripe touch stays, so holder recency is exactly as if each were recorded one by one.
  private void recordAll(EndpointBlocks own, long[] blockHashes, int blocks, long recorded) {
    int run = own.frontRun(blockHashes, blocks);
    // Each new block may evict up to two of the endpoint's own blocks from its tail; the run is
    // kept aside only when that can never reach it.
    if (own.size() - run < 2 * (blocks - run)) {
      run = 0;
    }
    for (int i = blocks - 1; i >= run; i--) {
      recordOne(own, blockHashes[i], recorded);
    }
    for (int i = run - 1; i >= 0; i--) {
      stripeOf(blockHashes[i]).touch(own.runEntry(i), recorded);
    }
    own.restoreRun(run);
  }

  private void recordOne(EndpointBlocks own, long hash, long recorded) {
    BlockStripe stripe = stripeOf(hash);
    int held = own.touch(hash);
    if (held != EndpointBlocks.NONE) {
      stripe.touch(held, recorded);
      return;
    }
    if (own.capacity() == 0) {
      return;
    }
    if (own.size() >= own.capacity()) {
      evictLast(own, true);
    }
    if (!reserveEntry() && !(evictForRoom(own) && reserveEntry())) {
      return;
    }
    int entry = stripe.add(hash, own.id(), recorded);
    // At the holder cap its least recently recorded holder gives the block up, then again. Asking
    // the stripe first spares a lookup of the holders for every block below the cap; the price is
    // that when no holder can give it up (all their locks busy at once), the slot this endpoint
    // freed above was freed in vain.
    if (entry == BlockStripe.CAPPED && makeRoomAmongHolders(own, stripe, hash)) {
      entry = stripe.add(hash, own.id(), recorded);
    }
    if (entry < 0) {
      entries.decrementAndGet();
      return;
    }
    own.addFirst(hash, entry);
  }

  // The block has the most holders it may: its least recently recorded holder that can be locked
  // without waiting gives it up. False when none could (the caller then skips the block).
  private boolean makeRoomAmongHolders(EndpointBlocks own, BlockStripe stripe, long hash) {
    MatchScratch scratch = MatchScratch.forCurrentThread();
    int count = stripe.holders(hash, scratch);
    if (count < MAX_HOLDERS_PER_BLOCK) {
      return true; // another recorder's eviction made room meanwhile
    }
    scratch.sortHoldersMostRecentFirst(count);
    for (int k = count - 1; k >= 0; k--) {
      int id = scratch.holder(k);
      if (id != own.id() && giveUpBlock(id, stripe, hash)) {
        return true;
      }
    }
    return false;
  }

  // Only tryLock: the caller holds its own endpoint's lock, and waiting for another could deadlock.
  private boolean giveUpBlock(int endpointId, BlockStripe stripe, long hash) {
    AtomicReferenceArray<EndpointBlocks> all = endpoints;
    EndpointBlocks holder = endpointId < all.length() ? all.get(endpointId) : null;
    if (holder == null || !holder.lock.tryLock()) {
      return false;
    }
    try {
      // Not held any more (let go, or retired and emptied): the chain is shorter already.
      int entry = holder.remove(hash);
      if (entry != EndpointBlocks.NONE) {
        stripe.remove(hash, entry);
        entries.decrementAndGet();
        evictions.increment();
      }
      return true;
    } finally {
      holder.lock.unlock();
    }
  }

  private boolean reserveEntry() {
    while (true) {
      long held = entries.get();
      if (held >= maxEntries) {
        return false;
      }
      if (entries.compareAndSet(held, held + 1)) {
        return true;
      }
    }
  }

  // The index is full: the largest of the recorder and a few sampled endpoints gives up a block.
  private boolean evictForRoom(EndpointBlocks own) {
    EndpointBlocks victim = largestSampled(own);
    if (victim != own && evictFromOther(victim)) {
      return true;
    }
    if (own.size() == 0) {
      return false;
    }
    evictLast(own, true);
    return true;
  }

  // Samples the next EVICTION_SAMPLES registered endpoints after the hand (skipping free ids, at
  // most MAX_PROBES of them) and returns the one holding most, or own when none holds more.
  private EndpointBlocks largestSampled(EndpointBlocks own) {
    AtomicReferenceArray<EndpointBlocks> all = endpoints;
    int probes = Math.min(all.length(), MAX_PROBES);
    int start = victimHand.getAndAdd(EVICTION_SAMPLES);
    EndpointBlocks victim = own;
    int sampled = 0;
    for (int p = 0; p < probes && sampled < EVICTION_SAMPLES; p++) {
      EndpointBlocks candidate = all.get(Math.floorMod(start + p, all.length()));
      if (candidate != null) {
        sampled++;
        if (candidate.size() > victim.size()) {
          victim = candidate;
        }
      }
    }
    return victim;
  }

  private boolean evictFromOther(EndpointBlocks victim) {
    if (!victim.lock.tryLock()) {
      return false;
    }
    try {
      if (victim.retired() || victim.size() == 0) {
        return false;
      }
      evictLast(victim, true);
      return true;
    } finally {
      victim.lock.unlock();
    }
  }

  // Caller holds holder.lock.
  private void evictLast(EndpointBlocks holder, boolean counted) {
    long hash = holder.lastBlock();
    stripeOf(hash).remove(hash, holder.lastEntry());
    holder.removeLast();
    entries.decrementAndGet();
    if (counted) {
      evictions.increment();
    }
  }

  @Override
  public void removeEndpoint(int endpointId) {
    checkId(endpointId);
    EndpointBlocks gone;
    synchronized (registryLock) {
      AtomicReferenceArray<EndpointBlocks> all = endpoints;
      if (endpointId >= all.length() || (gone = all.get(endpointId)) == null) {
        return;
      }
      all.set(endpointId, null);
    }
    gone.lock.lock();
    try {
      gone.retire();
      while (gone.size() > 0) {
        evictLast(gone, false);
      }
    } finally {
      gone.lock.unlock();
    }
  }

  @Override
  public AffinityStats stats() {
    return new AffinityStats(lookups.sum(), hits.sum(), matchedBlocks.sum(), evictions.sum());
  }

  @Override
  public long size() {
    return entries.get();
  }

  /** Blocks endpointId holds now, for tests. */
  int heldBy(int endpointId) {
    AtomicReferenceArray<EndpointBlocks> all = endpoints;
    EndpointBlocks blocks = endpointId < all.length() ? all.get(endpointId) : null;
    return blocks == null ? 0 : blocks.size();
  }

  /** Whether endpointId's LRU lists block (the other side of {@link #holders}); for tests. */
  boolean lists(int endpointId, long hash) {
    AtomicReferenceArray<EndpointBlocks> all = endpoints;
    EndpointBlocks blocks = endpointId < all.length() ? all.get(endpointId) : null;
    if (blocks == null) {
      return false;
    }
    blocks.lock.lock();
    try {
      return blocks.entryOf(hash) != EndpointBlocks.NONE;
    } finally {
      blocks.lock.unlock();
    }
  }

  /** Entries held by the block table, which must equal {@link #size} when quiescent; for tests. */
  long stripeEntries() {
    long sum = 0;
    for (BlockStripe stripe : stripes) {
      sum += stripe.entries();
    }
    return sum;
  }

  private EndpointBlocks endpointFor(int endpointId) {
    checkId(endpointId);
    AtomicReferenceArray<EndpointBlocks> all = endpoints;
    EndpointBlocks found = endpointId < all.length() ? all.get(endpointId) : null;
    return found != null ? found : register(endpointId);
  }

  // Rare (an endpoint's first record): serialised so that growing the array loses no update.
  private EndpointBlocks register(int endpointId) {
    synchronized (registryLock) {
      AtomicReferenceArray<EndpointBlocks> all = endpoints;
      if (endpointId >= all.length()) {
        AtomicReferenceArray<EndpointBlocks> grown =
            new AtomicReferenceArray<>(Math.max(endpointId + 1, all.length() * 2));
        for (int i = 0; i < all.length(); i++) {
          grown.set(i, all.get(i));
        }
        endpoints = all = grown;
      }
      EndpointBlocks found = all.get(endpointId);
      if (found == null) {
        found = new EndpointBlocks(endpointId, UNSIZED);
        all.set(endpointId, found);
      }
      return found;
    }
  }

  private BlockStripe stripeOf(long hash) {
    return stripes[(int) (fmix64(hash) >>> STRIPE_SHIFT)];
  }

  // MurmurHash3's 64-bit finaliser (Appleby): spreads callers' keys, which need not be mixed, and
  // decorrelates the stripe from the Fibonacci-hashed slot inside the stripe's table.
  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }

  private static void checkId(int endpointId) {
    if (endpointId < 0) {
      throw new IllegalArgumentException("endpointId: " + endpointId + " (expected: >= 0)");
    }
  }

  private static void checkCount(String name, int count, int limit) {
    if (count < 0 || count > limit) {
      throw new IllegalArgumentException(
          name + ": " + count + " (expected: 0.." + limit + ")");
    }
  }
}
