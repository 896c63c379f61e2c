package io.inferoute.routing;

import io.inferoute.affinity.PrefixAffinityIndex;
import io.inferoute.affinity.PrefixHasher;
import io.inferoute.breaker.PanicMode;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.PlacementStrategy;
import io.inferoute.telemetry.LoadReport;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Places a request with one of the baseline {@link PlacementStrategy strategies} Inferoute's peers
 * use, so the placement lab can compare them through the real gateway.
 *
 * <p><b>Candidates.</b> The same as Inferoute's before its own filters: the model's endpoints
 * after the static filters (precompiled, in tier order), then the proxy's subset hint, then the
 * circuit breaker, which skips ejected endpoints as Envoy's outlier detection does for any load
 * balancing policy, and is ignored in panic (Envoy's healthy panic threshold over all the
 * candidates). No saturation or budget filter, no SLO, no scorer of Inferoute's: that is the point
 * of a baseline. When nothing is left the request is rejected exactly as the pipeline rejects it.
 *
 * <p><b>Picks.</b>
 * <ul>
 *   <li>{@code round-robin} — Envoy {@code ROUND_ROBIN}: one counter per route and model, started
 *       at a random position, over the eligible candidates (so an ejected one is skipped and the
 *       rest still take even turns). Fallbacks: the next ones in turn.
 *   <li>{@code random} — Envoy {@code RANDOM}: uniform. Fallbacks: further uniform draws without
 *       replacement (a partial Fisher–Yates shuffle of the scratch array).
 *   <li>{@code least-request} — Envoy {@code LEAST_REQUEST} with its default two choices, on the
 *       gateway's own in-flight count; ties random. Unlike Envoy, which samples with replacement and
 *       so sometimes compares a host with itself, the two choices are distinct. Fallbacks: the other
 *       choice, then the fewest in flight.
 *   <li>{@code prefix-affinity} — the Gateway API Inference Extension's default scheduling profile
 *       (kubernetes-sigs/gateway-api-inference-extension, {@code pkg/epp/config/loader/defaults.go}):
 *       {@code queue-scorer} weight 2, {@code kv-cache-utilization-scorer} weight 2,
 *       {@code prefix-cache-scorer} weight 3 — not equal weights — and the {@code max-score-picker},
 *       which shuffles before a stable sort so ties go at random. The scorers, as in that
 *       repository's {@code scorer/queuedepth}, {@code scorer/kvcacheutilization} and
 *       {@code scorer/prefix}: queue = (max − waiting) ÷ (max − min) over the candidates, 1 for all
 *       when equal; KV = 1 − KV-cache use; prefix = matched prefix blocks ÷ prompt blocks, from the
 *       router's approximate prefix index, recorded for the pick (the scorer's PreRequest hook).
 *       Waiting and KV-cache use come from the server's fresh load report; without one the router's
 *       own count stands in (in-flight beyond max concurrency; in-flight ÷ max concurrency), as
 *       "unknown" must not read as "idle". Fallbacks: the next best totals.
 * </ul>
 *
 * <p>Thread-safe: per-thread {@link BaselineScratch}, an atomic counter for round robin.
 */
final class BaselinePlacer {
  /** Weight of the queue scorer in the Inference Extension's default profile. */
  static final double QUEUE_WEIGHT = 2;
  /** Weight of the KV-cache utilisation scorer in the Inference Extension's default profile. */
  static final double KV_CACHE_WEIGHT = 2;
  /** Weight of the prefix-cache scorer in the Inference Extension's default profile. */
  static final double PREFIX_WEIGHT = 3;

  private static final double WEIGHT_SUM = QUEUE_WEIGHT + KV_CACHE_WEIGHT + PREFIX_WEIGHT;
  private static final String[] NO_LABELS = {};
  private static final String[] IN_FLIGHT_LABELS = {"inFlight"};
  private static final String[] GIE_LABELS = {"queue", "kvCache", "prefix"};

  private final PrefixAffinityIndex affinity;

  BaselinePlacer(PrefixAffinityIndex affinity) {
    this.affinity = affinity;
  }

  /**
   * Places with {@code route}'s baseline strategy; the static filters are already explained. With
   * {@code record} false (an explanation) nothing changes: no prefix is recorded, no turn taken.
   * {@code now} is the decision's clock reading, on the endpoints' telemetry ticker.
   */
  Decision place(CompiledPolicy policy, CompiledRoute route, CompiledRoute.ModelCandidates mc,
      RoutingRequest request, long now, boolean record, @Nullable ExplainSink explain) {
    BaselineScratch s = BaselineScratch.get();
    s.ensure(mc.endpoints().length, route.maxBlocks);
    s.now = now;
    try {
      int n = eligible(policy, mc.endpoints(), request.subset(), s, explain);
      if (n == 0) {
        return CandidateFilters.reject(route, request, mc, 0);
      }
      return switch (route.spec.strategy()) {
        case ROUND_ROBIN -> roundRobin(route, mc, s, n, record, explain);
        case RANDOM -> random(route, s, n, explain);
        case LEAST_REQUEST -> leastRequest(route, s, n, explain);
        case PREFIX_AFFINITY -> prefixAffinity(route, mc, request, s, n, record, explain);
        case INFEROUTE -> throw new IllegalArgumentException(
            "strategy: inferoute (expected: a baseline; the pipeline places inferoute routes)");
      };
    } finally {
      s.clear();
    }
  }

  /** Copies the candidates left by the subset hint and the breaker to {@code s.eligible}. */
  private static int eligible(CompiledPolicy policy, Endpoint[] all, @Nullable Set<String> subset,
      BaselineScratch s, @Nullable ExplainSink explain) {
    int healthy = 0;
    for (int i = 0; i < all.length; i++) {
      // Read each breaker once: panic and the filter must agree even while states change.
      s.healthy[i] = all[i].breaker().allowsRequests();
      healthy += s.healthy[i] ? 1 : 0;
    }
    boolean panic = PanicMode.inPanic(healthy, all.length, policy.panicThresholdPercent);
    if (explain != null) {
      explain.panic = panic;
    }
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      Endpoint e = all[i];
      if (subset != null && !subset.contains(e.address())) {
        if (explain != null) {
          explain.removed(e, Filter.SUBSET, "not in the proxy's subset hint");
        }
      } else if (!panic && !s.healthy[i]) {
        if (explain != null) {
          explain.removed(e, Filter.UNHEALTHY, "breaker " + e.breaker().state());
        }
      } else {
        s.eligible[n] = e;
        s.ids[n] = e.id();
        s.inFlight[n] = e.telemetry().inFlight();
        n++;
      }
    }
    return n;
  }

  /** The next turn; an explanation ({@code advance} false) shows it without taking it. */
  private static Placement roundRobin(CompiledRoute route, CompiledRoute.ModelCandidates mc,
      BaselineScratch s, int n, boolean advance, @Nullable ExplainSink explain) {
    int turn = advance ? mc.roundRobin().getAndIncrement() : mc.roundRobin().get();
    int start = Math.floorMod(turn, n);
    Endpoint[] fallbacks = new Endpoint[Math.min(PlacementPipeline.MAX_FALLBACKS, n - 1)];
    for (int k = 0; k < fallbacks.length; k++) {
      fallbacks[k] = s.eligible[(start + 1 + k) % n];
    }
    explainPlain(s, n, NO_LABELS, explain);
    return placement(route, s.eligible[start], fallbacks, 0, 0, 0);
  }

  private static Placement random(CompiledRoute route, BaselineScratch s, int n,
      @Nullable ExplainSink explain) {
    explainPlain(s, n, NO_LABELS, explain);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int picks = Math.min(n, 1 + PlacementPipeline.MAX_FALLBACKS);
    for (int i = 0; i < picks; i++) {
      int j = i + random.nextInt(n - i);
      Endpoint t = s.eligible[i];
      s.eligible[i] = s.eligible[j];
      s.eligible[j] = t;
    }
    Endpoint[] fallbacks = new Endpoint[picks - 1];
    System.arraycopy(s.eligible, 1, fallbacks, 0, fallbacks.length);
    return placement(route, s.eligible[0], fallbacks, 0, 0, 0);
  }

  private static Placement leastRequest(CompiledRoute route, BaselineScratch s, int n,
      @Nullable ExplainSink explain) {
    explainPlain(s, n, IN_FLIGHT_LABELS, explain);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int a = random.nextInt(n);
    int primary = a;
    int other = -1;
    if (n > 1) {
      int b = random.nextInt(n - 1);
      b = b >= a ? b + 1 : b;
      boolean takeB = s.inFlight[b] < s.inFlight[a]
          || s.inFlight[b] == s.inFlight[a] && random.nextBoolean();
      primary = takeB ? b : a;
      other = takeB ? a : b;
    }
    java.util.Arrays.fill(s.taken, 0, n, false);
    s.taken[primary] = true;
    Endpoint[] fallbacks = new Endpoint[Math.min(PlacementPipeline.MAX_FALLBACKS, n - 1)];
    for (int k = 0; k < fallbacks.length; k++) {
      int next = k == 0 ? other : fewestInFlight(s, n, random.nextInt(n));
      s.taken[next] = true;
      fallbacks[k] = s.eligible[next];
    }
    return placement(route, s.eligible[primary], fallbacks, 0, 0, 0);
  }

  /** The untaken candidate with the fewest in flight, scanning from {@code from} so ties vary. */
  private static int fewestInFlight(BaselineScratch s, int n, int from) {
    int best = -1;
    for (int k = 0; k < n; k++) {
      int i = (from + k) % n;
      if (!s.taken[i] && (best < 0 || s.inFlight[i] < s.inFlight[best])) {
        best = i;
      }
    }
    return best;
  }

  private Placement prefixAffinity(CompiledRoute route, CompiledRoute.ModelCandidates mc,
      RoutingRequest request, BaselineScratch s, int n, boolean recordAffinity,
      @Nullable ExplainSink explain) {
    int blocks = route.maxBlocks == 0 || request.prompt().length() < route.blockChars ? 0
        : PrefixHasher.hashBlocks(request.prompt(), mc.prefixSeed(), route.blockChars,
            route.maxBlocks, s.hashes);
    if (blocks == 0) {
      java.util.Arrays.fill(s.matched, 0, n, 0);
    } else {
      affinity.matchLengths(s.hashes, blocks, s.ids, n, s.matched);
    }
    scoreLikeInferenceExtension(s, n, blocks, explain);
    int primary = maxScore(s, n);
    Endpoint chosen = s.eligible[primary];
    if (recordAffinity && blocks > 0) {
      affinity.record(s.hashes, blocks, chosen.id());
    }
    if (explain != null) {
      explain.promptBlocks = blocks;
    }
    return placement(route, chosen, nextBest(s, n, primary), s.score[primary], s.matched[primary],
        blocks);
  }

  /** Fills {@code s.score} with the weighted queue, KV-cache and prefix scores; see the class comment. */
  private static void scoreLikeInferenceExtension(BaselineScratch s, int n, int blocks,
      @Nullable ExplainSink explain) {
    long minWaiting = Long.MAX_VALUE;
    long maxWaiting = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      measure(s, i);
      minWaiting = Math.min(minWaiting, s.waiting[i]);
      maxWaiting = Math.max(maxWaiting, s.waiting[i]);
    }
    for (int i = 0; i < n; i++) {
      double queue = maxWaiting == minWaiting ? 1
          : (double) (maxWaiting - s.waiting[i]) / (maxWaiting - minWaiting);
      double kv = 1 - s.kvCacheUse[i];
      double prefix = blocks == 0 ? 0 : (double) s.matched[i] / blocks;
      s.score[i] = (QUEUE_WEIGHT * queue + KV_CACHE_WEIGHT * kv + PREFIX_WEIGHT * prefix) / WEIGHT_SUM;
      if (explain != null) {
        explain.baseline(s.eligible[i], GIE_LABELS, new double[] {queue, kv, prefix}, s.score[i],
            s.matched[i]);
      }
    }
  }

  /** Waiting requests and KV-cache use, from a fresh report, else from the router's own count. */
  private static void measure(BaselineScratch s, int i) {
    EndpointSpec spec = s.eligible[i].spec();
    LoadReport load = s.eligible[i].telemetry().freshLoad(s.now);
    int inFlight = s.inFlight[i];
    s.waiting[i] = load != null && load.queueDepth() >= 0 ? load.queueDepth()
        : Math.max(0, inFlight - spec.maxConcurrency());
    double kvUse = load != null && load.kvCacheUsage() >= 0 ? load.kvCacheUsage()
        : (double) inFlight / spec.maxConcurrency();
    s.kvCacheUse[i] = Math.min(1, Math.max(0, kvUse));
  }

  /** Highest score; exact ties by reservoir sampling, so each tied candidate is equally likely. */
  private static int maxScore(BaselineScratch s, int n) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int best = 0;
    int ties = 1;
    for (int i = 1; i < n; i++) {
      if (s.score[i] > s.score[best]) {
        best = i;
        ties = 1;
      } else if (s.score[i] == s.score[best] && random.nextInt(++ties) == 0) {
        best = i;
      }
    }
    return best;
  }

  /** Up to {@link PlacementPipeline#MAX_FALLBACKS} others, best score first: k passes over n. */
  private static Endpoint[] nextBest(BaselineScratch s, int n, int primary) {
    Endpoint[] out = new Endpoint[Math.min(PlacementPipeline.MAX_FALLBACKS, n - 1)];
    java.util.Arrays.fill(s.taken, 0, n, false);
    s.taken[primary] = true;
    for (int k = 0; k < out.length; k++) {
      int next = -1;
      for (int i = 0; i < n; i++) {
        if (!s.taken[i] && (next < 0 || s.score[i] > s.score[next])) {
          next = i;
        }
      }
      s.taken[next] = true;
      out[k] = s.eligible[next];
    }
    return out;
  }

  /** Explanation rows for strategies without scores: in-flight only when the strategy reads it. */
  private static void explainPlain(BaselineScratch s, int n, String[] labels,
      @Nullable ExplainSink explain) {
    if (explain == null) {
      return;
    }
    for (int i = 0; i < n; i++) {
      double[] values = labels.length == 0 ? new double[0] : new double[] {s.inFlight[i]};
      explain.baseline(s.eligible[i], labels, values, 0, 0);
    }
  }

  /** Baselines predict nothing and know no SLO, so a placement is never degraded. */
  private static Placement placement(CompiledRoute route, Endpoint primary, Endpoint[] fallbacks,
      double score, int matched, int blocks) {
    return new Placement(route.name, primary, fallbacks, false, 0, score, matched, blocks);
  }
}
