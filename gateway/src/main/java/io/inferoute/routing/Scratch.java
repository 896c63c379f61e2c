package io.inferoute.routing;

import io.inferoute.endpoint.Endpoint;

/**
 * Per-thread working arrays of the pipeline, grown on demand and reused, so a decision allocates
 * nothing for its intermediate state.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  Endpoint[] eligible = new Endpoint[16];
  int[] ids = new int[16];
  int[] matched = new int[16];
  long[] predicted = new long[16];
  double[] utilisation = new double[16];
  long[] waiting = new long[16];
  double[] score = new double[16];
  double[] costPerRequest = new double[16];
  boolean[] taken = new boolean[16];
  long[] hashes = new long[64];
  final double[] parts = new double[Scorer.values().length];

  static Scratch get() {
    return LOCAL.get();
  }

  /** Makes room for {@code candidates} endpoints and {@code blocks} prefix hashes. */
  void ensure(int candidates, int blocks) {
    if (eligible.length < candidates) {
      int n = Math.max(candidates, eligible.length * 2);
      eligible = new Endpoint[n];
      ids = new int[n];
      matched = new int[n];
      predicted = new long[n];
      utilisation = new double[n];
      waiting = new long[n];
      score = new double[n];
      costPerRequest = new double[n];
      taken = new boolean[n];
    }
    if (hashes.length < blocks) {
      hashes = new long[Math.max(blocks, hashes.length * 2)];
    }
  }

  /** Drops references to endpoints so an old fleet can be collected. */
  void clear(int n) {
    java.util.Arrays.fill(eligible, 0, n, null);
  }
}
