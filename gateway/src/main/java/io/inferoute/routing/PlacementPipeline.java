package io.inferoute.routing;

import io.inferoute.affinity.PrefixAffinityIndex;
import io.inferoute.affinity.PrefixHasher;
import io.inferoute.affinity.Rendezvous;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.LatencySnapshot;
import io.inferoute.time.Ticker;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Filters, scores and picks for one request against one {@link CompiledPolicy}.
 *
 * <p>Stages: hash the prompt prefix → the model's candidates after the static filters
 * (precompiled), or a bounded sample of them in a large fleet → dynamic filters ({@link
 * CandidateFilters}: subset hint, breaker unless in panic, saturation, budget) → prefix match →
 * scorers → rendezvous owner bonus → pick → fallback list. The hot path allocates the {@link Placement} and its fallback array;
 * everything else lives in per-thread {@link Scratch}. With an {@link ExplainSink} it also records
 * why.
 *
 * <p><b>Predicted TTFT</b> = RTT(origin, endpoint) + queue wait + prefill of the uncached prompt,
 * where queue wait = waiting requests × service time ÷ max concurrency (waiting: the fresh reported
 * queue brought forward by what this router sent since, else in-flight beyond max concurrency;
 * service time: observed end-to-end p50, else the speed hints) and prefill = prompt tokens ×
 * (1 − matched fraction) ÷ prefill speed.
 *
 * <p><b>Large fleets.</b> A model with more than {@link #MAX_SCORED} candidates is not scored
 * whole: the pipeline scores the endpoints that hold the prompt's first block (the only ones that
 * can match its prefix), a sample fixed by the request's session or prefix key (so replicas agree
 * on owners), and a random sample, {@link #MAX_SCORED} at most. This is the power-of-k-choices
 * idea that keeps a decision's cost flat from hundreds to tens of thousands of endpoints.
 */
final class PlacementPipeline {
  /** Scores within this band of the best are ties, broken by rendezvous hashing. */
  static final double TIE_BAND = 0.01;

  /**
   * A session's or cold prefix's rendezvous owner is chosen among candidates scoring within this
   * band of the best, so the owner bonus never overrides the route's objective by much.
   */
  static final double OWNER_BAND = 0.05;

  /** Fallbacks listed after the primary. */
  static final int MAX_FALLBACKS = 3;

  /** Candidates scored at most per decision; larger candidate sets are sampled. */
  static final int MAX_SCORED = 64;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PrefixAffinityIndex affinity;
  private final BaselinePlacer baselines;
  private final Ticker ticker;

  /** {@code ticker} must be the one the endpoints' telemetry timestamps load reports with. */
  PlacementPipeline(PrefixAffinityIndex affinity, Ticker ticker) {
    this.affinity = affinity;
    this.baselines = new BaselinePlacer(affinity);
    this.ticker = ticker;
  }

  Decision decide(CompiledPolicy policy, RoutingRequest request, boolean recordAffinity,
      @Nullable ExplainSink explain) {
    CompiledRoute route = policy.route(request);
    CompiledRoute.ModelCandidates mc = route.candidates(request.model());
    if (mc == null) {
      return new Rejection(route.name, RejectReason.UNKNOWN_MODEL,
          "model \"" + request.model() + "\" is not served by any endpoint");
    }
    if (explain != null) {
      CandidateFilters.explainStatic(policy, route, request.model(), explain);
    }
    // One clock read per decision for every candidate's load-report age, not one per candidate.
    long now = ticker.read();
    if (route.spec.strategy().baseline()) {
      return baselines.place(policy, route, mc, request, now, recordAffinity, explain);
    }
    Scratch s = Scratch.get();
    s.ensure(Math.min(mc.endpoints().length, MAX_SCORED + 1), route.maxBlocks, policy.fleet.idLimit());
    try {
      return place(policy, route, mc, request, now, s, recordAffinity, explain);
    } finally {
      s.clear();
    }
  }

  private Decision place(CompiledPolicy policy, CompiledRoute route,
      CompiledRoute.ModelCandidates mc, RoutingRequest request, long now, Scratch s,
      boolean recordAffinity, @Nullable ExplainSink explain) {
    int blocks = hashPrompt(route, mc, request, s);
    String session = route.sessionHeader == null ? null : request.headers().get(route.sessionHeader);
    long key = session != null && !session.isEmpty() ? Rendezvous.hashKey(session)
        : blocks > 0 ? s.hashes[0] : 0;
    boolean keyed = (session != null && !session.isEmpty()) || blocks > 0;
    int pooled = pool(policy.fleet, mc, s, blocks, keyed, key);
    boolean panic = CandidateFilters.inPanic(policy, s, pooled);
    if (explain != null) {
      explain.panic = panic;
      explain.promptBlocks = blocks;
      explain.sampled = pooled < mc.endpoints().length ? pooled : 0;
    }
    int n = CandidateFilters.filter(policy, route, request, now, s, pooled, panic, explain);
    if (n <= 0) {
      return CandidateFilters.reject(route, request, mc, -n);
    }
    matchPrefixes(blocks, s, n);
    score(policy, route, request, s, n, blocks);
    boolean cold = blocks > 0 && maxMatched(s, n) == 0;
    if (session != null && !session.isEmpty() || cold) {
      applyOwnerBonus(route, s, n, key);
    }
    if (explain != null) {
      for (int i = 0; i < n; i++) {
        explain.scored(s.eligible[i], s.parts[i], s.score[i], s.predicted[i],
            s.predicted[i] <= route.sloNanos, s.matched[i]);
      }
    }
    int primary = pick(route, s, n, keyed ? key : ThreadLocalRandom.current().nextLong());
    Endpoint chosen = s.eligible[primary];
    Endpoint[] fallbacks = fallbacks(s, n, primary);
    if (recordAffinity && blocks > 0) {
      affinity.record(s.hashes, blocks, chosen.id());
    }
    return new Placement(route.name, chosen, fallbacks, s.predicted[primary] > route.sloNanos,
        s.predicted[primary], s.score[primary], s.matched[primary], blocks);
  }

  private static int hashPrompt(CompiledRoute route, CompiledRoute.ModelCandidates mc,
      RoutingRequest request, Scratch s) {
    if (route.maxBlocks == 0 || request.prompt().length() < route.blockChars) {
      return 0;
    }
    return PrefixHasher.hashBlocks(request.prompt(), mc.prefixSeed(), route.blockChars,
        route.maxBlocks, s.hashes);
  }

  /**
   * Puts the candidates to evaluate into {@code s.pool}: all of them when there are at most
   * {@link #MAX_SCORED}; else the holders of the first prompt block, a sample fixed by the
   * request's key (identical on every replica) and a random sample.
   */
  private int pool(io.inferoute.endpoint.Fleet fleet, CompiledRoute.ModelCandidates mc, Scratch s,
      int blocks, boolean keyed, long key) {
    Endpoint[] all = mc.endpoints();
    if (all.length <= MAX_SCORED) {
      System.arraycopy(all, 0, s.pool, 0, all.length);
      java.util.Arrays.fill(s.keyed, 0, all.length, true);
      return all.length;
    }
    s.nextEpoch();
    int n = 0;
    if (blocks > 0) {
      int holders = affinity.holders(s.hashes[0], s.holderIds);
      for (int i = 0; i < holders && n < MAX_SCORED / 2; i++) {
        int id = s.holderIds[i];
        if (id < mc.member().length && mc.member()[id]) {
          Endpoint holder = fleet.byId(id);
          if (holder != null) {
            n = s.addToPool(holder, n, false);
          }
        }
      }
    }
    if (keyed) {
      n = stride(all, mc.strides(), s, n, MAX_SCORED * 3 / 4, key, true);
    }
    return stride(all, mc.strides(), s, n, MAX_SCORED, ThreadLocalRandom.current().nextLong(), false);
  }

  /**
   * Adds candidates at positions start, start + step, … (a precomputed step coprime to n, so no
   * position repeats) until {@code limit}; start and step come from {@code seed}.
   */
  private static int stride(Endpoint[] all, int[] strides, Scratch s, int n, int limit, long seed,
      boolean keyed) {
    int size = all.length;
    int start = (int) Long.remainderUnsigned(seed, size);
    int step = strides[(int) (seed >>> 60)];
    for (int k = 0, pos = start; k < size && n < limit; k++) {
      n = s.addToPool(all[pos], n, keyed);
      pos += step; // step < size: one subtraction wraps it, where a 64-bit % cost a division
      if (pos >= size) {
        pos -= size;
      }
    }
    return n;
  }

  private void matchPrefixes(int blocks, Scratch s, int n) {
    if (blocks == 0) {
      java.util.Arrays.fill(s.matched, 0, n, 0);
    } else {
      affinity.matchLengths(s.hashes, blocks, s.ids, n, s.matched);
    }
  }

  private static int maxMatched(Scratch s, int n) {
    int best = 0;
    for (int i = 0; i < n; i++) {
      best = Math.max(best, s.matched[i]);
    }
    return best;
  }

  private static void score(CompiledPolicy policy, CompiledRoute route, RoutingRequest request,
      Scratch s, int n, int blocks) {
    double minCost = Double.POSITIVE_INFINITY;
    double sumLoad = 0;
    for (int i = 0; i < n; i++) {
      minCost = Math.min(minCost, s.costPerRequest[i]);
      sumLoad += load(s, i);
    }
    // Consistent hashing with bounded loads: at most ceil((1 + ε) × mean) requests' worth of load;
    // the ceiling keeps tiny loads (a few KV blocks in use) from counting as overload.
    double loadLimit = Math.ceil(sumLoad / n * route.boundedLoadFactor);
    for (int i = 0; i < n; i++) {
      double matchFraction = blocks == 0 ? 0 : (double) s.matched[i] / blocks;
      long predicted = predictTtft(route, request, s.eligible[i], matchFraction, s.waiting[i],
          s.proximity[i]);
      s.predicted[i] = predicted;
      s.overloaded[i] = load(s, i) > loadLimit;
      double[] p = s.parts[i];
      p[0] = (double) route.latencyReferenceNanos / (route.latencyReferenceNanos + predicted);
      p[1] = 1 - Math.min(1, s.utilisation[i]);
      p[2] = s.overloaded[i] ? 0 : matchFraction;
      p[3] = s.costPerRequest[i] <= 0 ? 1 : minCost / s.costPerRequest[i];
      p[4] = s.proximity[i] == LocalityIndex.SAME_ZONE ? 1
          : s.proximity[i] == LocalityIndex.SAME_REGION ? 0.5 : 0;
      s.score[i] = route.wLatency * p[0] + route.wLoad * p[1] + route.wAffinity * p[2]
          + route.wCost * p[3] + route.wGravity * p[4];
    }
  }

  /** A candidate's load in requests: utilisation × max concurrency. */
  private static double load(Scratch s, int i) {
    return s.utilisation[i] * s.eligible[i].spec().maxConcurrency();
  }

  /** Predicted TTFT; see the class comment. */
  static long predictTtft(CompiledRoute route, RoutingRequest request, Endpoint e,
      double matchFraction, long waiting, int proximity) {
    EndpointSpec spec = e.spec();
    long prefillNanos = (long) (request.promptTokens() * (1 - matchFraction)
        / spec.prefillTokensPerSecond() * NANOS_PER_SECOND);
    long queueNanos = 0;
    if (waiting > 0) {
      LatencySnapshot e2e = e.telemetry().latency(LatencyMetric.END_TO_END);
      long service = e2e.known() ? e2e.p50Nanos()
          : prefillNanos + (long) (request.maxOutputTokens() / spec.decodeTokensPerSecond()
              * NANOS_PER_SECOND);
      queueNanos = waiting * service / spec.maxConcurrency();
    }
    return route.rtt(proximity) + queueNanos + prefillNanos;
  }

  /**
   * Gives the full affinity score to the rendezvous owner of the request's key (its session, or
   * its first prefix block when no candidate holds the prefix yet) among candidates that score
   * within {@link #OWNER_BAND} of the best and are within the bounded-load limit. In a sampled
   * fleet only the part of the sample fixed by the key competes, so replicas that share nothing
   * agree on owners; and the bonus never overrides the objective by much.
   */
  private static void applyOwnerBonus(CompiledRoute route, Scratch s, int n, long key) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (s.predicted[i] <= route.sloNanos) {
        best = Math.max(best, s.score[i]);
      }
    }
    boolean anyInSlo = best != Double.NEGATIVE_INFINITY;
    if (!anyInSlo) {
      for (int i = 0; i < n; i++) {
        best = Math.max(best, s.score[i]);
      }
    }
    int owner = -1;
    long ownerWeight = 0;
    for (int i = 0; i < n; i++) {
      if (!s.keyedEligible[i] || s.overloaded[i] || s.score[i] < best - OWNER_BAND
          || anyInSlo && s.predicted[i] > route.sloNanos) {
        continue;
      }
      long w = Rendezvous.weight(key, s.eligible[i].rendezvousKey());
      if (owner < 0 || Long.compareUnsigned(w, ownerWeight) > 0) {
        owner = i;
        ownerWeight = w;
      }
    }
    if (owner >= 0) {
      double[] p = s.parts[owner];
      s.score[owner] += route.wAffinity * (1 - p[2]);
      p[2] = 1;
    }
  }

  /**
   * Highest score among candidates within the SLO; ties within {@link #TIE_BAND} go to the
   * rendezvous winner for {@code key}. When none is within the SLO, the fastest predicted.
   */
  private static int pick(CompiledRoute route, Scratch s, int n, long key) {
    int best = -1;
    for (int i = 0; i < n; i++) {
      if (s.predicted[i] <= route.sloNanos && (best < 0 || s.score[i] > s.score[best])) {
        best = i;
      }
    }
    if (best < 0) {
      int fastest = 0;
      for (int i = 1; i < n; i++) {
        if (s.predicted[i] < s.predicted[fastest]) {
          fastest = i;
        }
      }
      return fastest;
    }
    double floor = s.score[best] - TIE_BAND;
    long bestWeight = Rendezvous.weight(key, s.eligible[best].rendezvousKey());
    for (int i = 0; i < n; i++) {
      if (i != best && s.predicted[i] <= route.sloNanos && s.score[i] >= floor) {
        long w = Rendezvous.weight(key, s.eligible[i].rendezvousKey());
        if (Long.compareUnsigned(w, bestWeight) > 0) {
          best = i;
          bestWeight = w;
        }
      }
    }
    return best;
  }

  /**
   * Up to {@link #MAX_FALLBACKS} other candidates ordered by the route's tier order, best score
   * first within a tier (ties: the earlier candidate first).
   */
  private static Endpoint[] fallbacks(Scratch s, int n, int primary) {
    int count = bestOthers(s, n, primary, s.fallbackSlots);
    Endpoint[] out = new Endpoint[count];
    for (int k = 0; k < count; k++) {
      out[k] = s.eligible[s.fallbackSlots[k]];
    }
    return out;
  }

  /**
   * Writes the slots of the best {@code min(out.length, n - 1)} candidates other than {@code
   * primary} into {@code out}, in order, and returns how many: one pass keeping a short sorted
   * list, where selecting them one by one took a pass over all candidates per fallback.
   */
  static int bestOthers(Scratch s, int n, int primary, int[] out) {
    int count = Math.min(out.length, n - 1);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (i == primary || kept == count && !before(s, i, out[count - 1])) {
        continue;
      }
      int j = kept < count ? kept++ : count - 1; // the last one falls off when the list is full
      while (j > 0 && before(s, i, out[j - 1])) {
        out[j] = out[j - 1];
        j--;
      }
      out[j] = i;
    }
    return count;
  }

  private static boolean before(Scratch s, int a, int b) {
    int ra = s.tierRank[a];
    int rb = s.tierRank[b];
    return ra != rb ? ra < rb : s.score[a] > s.score[b];
  }
}
