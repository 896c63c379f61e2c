package io.inferoute.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RendezvousTest {
  @Test
  void noCandidatesPicksNothing() {
    assertThat(Rendezvous.pick(42L, new long[] {1, 2}, new int[] {0, 1}, 0)).isEqualTo(-1);
  }

  @Test
  void keysAreStableAcrossCallsAndReplicas() {
    // Same inputs, same answers: what lets independent replicas agree without talking.
    assertThat(Rendezvous.endpointKey("pod-1")).isEqualTo(Rendezvous.endpointKey(new String("pod-1")));
    assertThat(Rendezvous.hashKey("user-7")).isEqualTo(Rendezvous.hashKey(new StringBuilder("user-7")));
    assertThat(Rendezvous.endpointKey("pod-1")).isNotEqualTo(Rendezvous.endpointKey("pod-2"));
    assertThat(Rendezvous.hashKey(5L)).isNotEqualTo(Rendezvous.hashKey(6L));
  }

  @Test
  void pickReturnsTheIndexOfTheHeaviestCandidate() {
    long[] endpointKeys = {Rendezvous.endpointKey("a"), Rendezvous.endpointKey("b"), Rendezvous.endpointKey("c")};
    int[] candidates = {2, 0};
    long key = Rendezvous.hashKey("session");

    int picked = Rendezvous.pick(key, endpointKeys, candidates, 2);

    long chosen = Rendezvous.weight(key, endpointKeys[candidates[picked]]);
    long other = Rendezvous.weight(key, endpointKeys[candidates[1 - picked]]);
    assertThat(chosen).isGreaterThanOrEqualTo(other);
  }

  @Test
  void equalWeightsKeepTheFirstCandidate() {
    long[] endpointKeys = {7L, 7L};
    // Endpoints 0 and 1 share a key, so their weights tie and the first of them stays.
    assertThat(Rendezvous.pick(11L, endpointKeys, new int[] {0, 1}, 2)).isZero();
    assertThat(Rendezvous.pick(11L, endpointKeys, new int[] {1, 0}, 2)).isZero();
  }

  @Test
  void spreadsKeysEvenlyOverEndpoints() {
    int n = 10;
    long[] endpointKeys = new long[n];
    int[] candidates = new int[n];
    for (int i = 0; i < n; i++) {
      endpointKeys[i] = Rendezvous.endpointKey("pod-" + i);
      candidates[i] = i;
    }
    int[] wins = new int[n];
    for (int k = 0; k < 50_000; k++) {
      wins[Rendezvous.pick(Rendezvous.hashKey("k" + k), endpointKeys, candidates, n)]++;
    }

    // Expected 5,000 each, standard deviation ≈ 67: ±500 never fails for a sound hash.
    for (int i = 0; i < n; i++) {
      assertThat(wins[i]).as("wins of pod-%d", i).isBetween(4_500, 5_500);
    }
  }
}
