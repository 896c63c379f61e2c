package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;

/**
 * Per-thread working arrays of the pipeline, grown on demand and reused, so a decision allocates
 * nothing for its intermediate state.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
  private static final int PARTS = Scorer.values().length;

  Endpoint[] pool = new Endpoint[16];
  boolean[] healthy = new boolean[16];
  boolean[] keyed = new boolean[16];
  boolean[] keyedEligible = new boolean[16];
  Endpoint[] eligible = new Endpoint[16];
  int[] ids = new int[16];
  int[] matched = new int[16];
  int[] proximity = new int[16];
  /** The route's rank of each eligible candidate's tier, read once (fallback order compares it often). */
  int[] tierRank = new int[16];
  long[] predicted = new long[16];
  double[] utilisation = new double[16];
  long[] waiting = new long[16];
  boolean[] overloaded = new boolean[16];
  double[] score = new double[16];
  double[] costPerRequest = new double[16];
  double[][] parts = newParts(16);
  long[] hashes = new long[64];
  final int[] holderIds = new int[PlacementPipeline.MAX_SCORED];
  final int[] fallbackSlots = new int[PlacementPipeline.MAX_FALLBACKS];
  private int[] pooledEpoch = new int[16];
  private int epoch;
  private int used;

  static Scratch get() {
    return LOCAL.get();
  }

  private static double[][] newParts(int n) {
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = new double[PARTS];
    }
    return p;
  }

  /** Makes room for {@code candidates} endpoints, {@code blocks} hashes and ids below {@code idLimit}. */
  void ensure(int candidates, int blocks, int idLimit) {
    used = candidates;
    if (pool.length < candidates) {
      int n = Math.max(candidates, pool.length * 2);
      pool = new Endpoint[n];
      healthy = new boolean[n];
      keyed = new boolean[n];
      keyedEligible = new boolean[n];
      eligible = new Endpoint[n];
      ids = new int[n];
      matched = new int[n];
      proximity = new int[n];
      tierRank = new int[n];
      predicted = new long[n];
      utilisation = new double[n];
      waiting = new long[n];
      overloaded = new boolean[n];
      score = new double[n];
      costPerRequest = new double[n];
      parts = newParts(n);
    }
    if (hashes.length < blocks) {
      hashes = new long[Math.max(blocks, hashes.length * 2)];
    }
    if (pooledEpoch.length < idLimit) {
      pooledEpoch = new int[Math.max(idLimit, pooledEpoch.length * 2)];
      epoch = 0;
    }
  }

  /** Starts a new sampling round: no endpoint is pooled yet. */
  void nextEpoch() {
    if (++epoch == Integer.MAX_VALUE) {
      java.util.Arrays.fill(pooledEpoch, 0);
      epoch = 1;
    }
  }

  /**
   * Adds {@code e} to the pool at {@code n} unless it is already there, noting whether the request's
   * key chose it; returns the new size.
   */
  int addToPool(Endpoint e, int n, boolean byKey) {
    if (pooledEpoch[e.id()] == epoch) {
      return n;
    }
    pooledEpoch[e.id()] = epoch;
    pool[n] = e;
    keyed[n] = byKey;
    return n + 1;
  }

  /** Drops references to endpoints so an old fleet can be collected. */
  void clear() {
    java.util.Arrays.fill(pool, 0, Math.min(used, pool.length), null);
    java.util.Arrays.fill(eligible, 0, Math.min(used, eligible.length), null);
  }
}
