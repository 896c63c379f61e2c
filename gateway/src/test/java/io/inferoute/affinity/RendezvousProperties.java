package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RendezvousProperties {
  private static final int KEYS = 20_000;

  @Property(tries = 30)
  void addingOneEndpointMovesAboutOneNthOfKeys(@ForAll @IntRange(min = 2, max = 40) int n) {
    long[] endpointKeys = endpointKeys(n + 1);
    int[] before = ids(n);
    int[] after = ids(n + 1);
    int moved = 0;
    for (int k = 0; k < KEYS; k++) {
      long key = Rendezvous.hashKey("session-" + k);
      int from = before[Rendezvous.pick(key, endpointKeys, before, n)];
      int to = after[Rendezvous.pick(key, endpointKeys, after, n + 1)];
      if (from != to) {
        moved++;
        assertThat(to).as("a key only moves to the new endpoint").isEqualTo(n);
      }
    }
    assertMovedAbout(moved, 1.0 / (n + 1));
  }

  @Property(tries = 30)
  void removingOneEndpointMovesOnlyItsKeys(
      @ForAll @IntRange(min = 3, max = 40) int n, @ForAll @IntRange(min = 0, max = 39) int leaving) {
    int gone = leaving % n;
    long[] endpointKeys = endpointKeys(n);
    int[] before = ids(n);
    int[] after = new int[n - 1];
    for (int i = 0, j = 0; i < n; i++) {
      if (i != gone) {
        after[j++] = i;
      }
    }
    int moved = 0;
    for (int k = 0; k < KEYS; k++) {
      long key = Rendezvous.hashKey((long) k * 0x9E3779B97F4A7C15L);
      int from = before[Rendezvous.pick(key, endpointKeys, before, n)];
      int to = after[Rendezvous.pick(key, endpointKeys, after, n - 1)];
      if (from != to) {
        moved++;
        assertThat(from).as("only the leaving endpoint's keys move").isEqualTo(gone);
      }
    }
    assertMovedAbout(moved, 1.0 / n);
  }

  @Property(tries = 200)
  void pickIsIndependentOfCandidateOrder(
      @ForAll @IntRange(min = 1, max = 64) int n, @ForAll long key, @ForAll long shuffleSeed) {
    long[] endpointKeys = endpointKeys(n);
    int[] ordered = ids(n);
    int[] shuffled = ids(n);
    java.util.Random random = new java.util.Random(shuffleSeed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }

    int winner = ordered[Rendezvous.pick(key, endpointKeys, ordered, n)];
    assertThat(shuffled[Rendezvous.pick(key, endpointKeys, shuffled, n)]).isEqualTo(winner);
    assertThat(ordered[Rendezvous.pick(key, endpointKeys, ordered, n)]).isEqualTo(winner);
  }

  // Binomial(KEYS, p): allow five standard deviations plus a little, so a correct hash never flakes.
  private static void assertMovedAbout(int moved, double p) {
    double expected = KEYS * p;
    double tolerance = 5 * Math.sqrt(KEYS * p * (1 - p)) + 10;
    assertThat((double) moved).isBetween(expected - tolerance, expected + tolerance);
  }

  private static long[] endpointKeys(int n) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Rendezvous.endpointKey("pod-" + i + ".edge-a.svc");
    }
    return keys;
  }

  private static int[] ids(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }
}
