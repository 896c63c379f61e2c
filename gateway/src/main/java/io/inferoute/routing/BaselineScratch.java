package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;

/**
 * Per-thread working arrays of {@link BaselinePlacer}, grown on demand and reused, so a baseline
 * decision allocates only its {@link Placement} and fallback array. Kept apart from the pipeline's
 * {@link Scratch} so the two can change independently.
 */
final class BaselineScratch {
  private static final ThreadLocal<BaselineScratch> LOCAL = ThreadLocal.withInitial(BaselineScratch::new);

  Endpoint[] eligible = new Endpoint[16];
  boolean[] healthy = new boolean[16];
  int[] ids = new int[16];
  int[] inFlight = new int[16];
  int[] matched = new int[16];
  long[] waiting = new long[16];
  double[] kvCacheUse = new double[16];
  double[] score = new double[16];
  boolean[] taken = new boolean[16];
  long[] hashes = new long[64];
  /** The decision's clock reading, for the age of every candidate's load report. */
  long now;
  private int used;

  static BaselineScratch get() {
    return LOCAL.get();
  }

  /** Makes room for {@code candidates} endpoints and {@code blocks} prefix hashes. */
  void ensure(int candidates, int blocks) {
    used = candidates;
    if (eligible.length < candidates) {
      int n = Math.max(candidates, eligible.length * 2);
      eligible = new Endpoint[n];
      healthy = new boolean[n];
      ids = new int[n];
      inFlight = new int[n];
      matched = new int[n];
      waiting = new long[n];
      kvCacheUse = new double[n];
      score = new double[n];
      taken = new boolean[n];
    }
    if (hashes.length < blocks) {
      hashes = new long[Math.max(blocks, hashes.length * 2)];
    }
  }

  /** Drops references to endpoints so an old fleet can be collected. */
  void clear() {
    java.util.Arrays.fill(eligible, 0, Math.min(used, eligible.length), null);
  }
}
