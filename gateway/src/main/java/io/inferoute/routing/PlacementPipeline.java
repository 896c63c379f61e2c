package io.inferoute.routing;

import io.inferoute.affinity.PrefixAffinityIndex;
import io.inferoute.affinity.PrefixHasher;
import io.inferoute.affinity.Rendezvous;
import io.inferoute.breaker.PanicMode;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Priority;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.LatencySnapshot;
import io.inferoute.telemetry.LoadReport;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Filters, scores and picks for one request against one {@link CompiledPolicy}.
 *
 * <p>Stages: candidates of the model after static filters (precompiled) → dynamic filters (subset
 * hint, breaker unless in panic, saturation, budget) → prefix affinity → scorers → pick → fallback
 * list. Allocation on the hot path is the {@link Placement} and its fallback array; everything else
 * lives in {@link Scratch}. With an {@link ExplainSink} it also records why.
 *
 * <p><b>Predicted TTFT</b> = RTT(origin, endpoint) + queue wait + prefill of the uncached prompt,
 * where queue wait = waiting requests × service time ÷ max concurrency (waiting: the fresh reported
 * queue, else in-flight beyond max concurrency; service time: observed end-to-end p50, else the
 * speed hints) and prefill = prompt tokens × (1 − matched fraction) ÷ prefill speed.
 */
final class PlacementPipeline {
  /** Scores within this band of the best are ties, broken by rendezvous hashing. */
  static final double TIE_BAND = 0.01;

  /** Batch requests see an endpoint as saturated at this share of its max concurrency. */
  static final double BATCH_HEADROOM = 0.8;

  /** Fallbacks listed after the primary. */
  static final int MAX_FALLBACKS = 3;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PrefixAffinityIndex affinity;

  PlacementPipeline(PrefixAffinityIndex affinity) {
    this.affinity = affinity;
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
      explainStatic(policy, route, request.model(), explain);
    }
    Endpoint[] all = mc.endpoints();
    Scratch s = Scratch.get();
    s.ensure(all.length, route.maxBlocks);
    try {
      return place(policy, route, mc, request, s, recordAffinity, explain);
    } finally {
      s.clear(all.length);
    }
  }

  private Decision place(CompiledPolicy policy, CompiledRoute route,
      CompiledRoute.ModelCandidates mc, RoutingRequest request, Scratch s, boolean recordAffinity,
      @Nullable ExplainSink explain) {
    Endpoint[] all = mc.endpoints();
    boolean panic = inPanic(policy, all);
    if (explain != null) {
      explain.panic = panic;
    }
    int saturated = 0;
    int n = 0;
    Set<String> subset = request.subset();
    for (Endpoint e : all) {
      Filter removed = dynamicFilter(route, e, request, subset, panic, s, n, explain);
      if (removed == null) {
        s.eligible[n] = e;
        s.ids[n] = e.id();
        n++;
      } else if (removed == Filter.SATURATED) {
        saturated++;
      }
    }
    if (n == 0) {
      return reject(route, request, mc, saturated);
    }
    int blocks = hashPrompt(route, mc, request, s);
    if (explain != null) {
      explain.promptBlocks = blocks;
    }
    matchPrefixes(blocks, s, n);
    int owner = rendezvousOwner(route, request, s, n);
    score(route, request, s, n, blocks, owner, explain);
    int primary = pick(route, request, s, n, blocks);
    boolean degraded = s.predicted[primary] > route.sloNanos;
    Endpoint chosen = s.eligible[primary];
    Endpoint[] fallbacks = fallbacks(route, s, n, primary);
    if (recordAffinity && blocks > 0) {
      affinity.record(s.hashes, blocks, chosen.id());
    }
    return new Placement(route.name, chosen, fallbacks, degraded, s.predicted[primary],
        s.score[primary], s.matched[primary], blocks);
  }

  /** Envoy's healthy panic threshold over this model's candidates: health is ignored in panic. */
  private static boolean inPanic(CompiledPolicy policy, Endpoint[] all) {
    int healthy = 0;
    for (Endpoint e : all) {
      if (e.breaker().allowsRequests()) {
        healthy++;
      }
    }
    return PanicMode.inPanic(healthy, all.length, policy.panicThresholdPercent);
  }

  private static @Nullable Filter dynamicFilter(CompiledRoute route, Endpoint e,
      RoutingRequest request, @Nullable Set<String> subset, boolean panic, Scratch s, int slot,
      @Nullable ExplainSink explain) {
    if (subset != null && !subset.contains(e.address())) {
      return removed(explain, e, Filter.SUBSET, "not in the proxy's subset hint");
    }
    if (!panic && !e.breaker().allowsRequests()) {
      return removed(explain, e, Filter.UNHEALTHY, "breaker " + e.breaker().state());
    }
    EndpointSpec spec = e.spec();
    int inFlight = e.telemetry().inFlight();
    int limit = route.priority == Priority.BATCH
        ? (int) Math.ceil(spec.maxConcurrency() * BATCH_HEADROOM) : spec.maxConcurrency();
    if (inFlight >= limit) {
      return removed(explain, e, Filter.SATURATED, "in-flight " + inFlight + " >= limit " + limit);
    }
    LoadReport load = e.telemetry().freshLoad();
    if (load != null && spec.maxQueue() > 0 && load.queueDepth() >= spec.maxQueue()) {
      return removed(explain, e, Filter.SATURATED,
          "queue " + load.queueDepth() + " >= maxQueue " + spec.maxQueue());
    }
    double cost = spec.cost().perMillionTokens(request.promptTokens(), request.maxOutputTokens());
    if (cost > route.budget) {
      return removed(explain, e, Filter.BUDGET, String.format(java.util.Locale.ROOT,
          "%.4f per 1M tokens > budget %.4f", cost, route.budget));
    }
    s.costPerRequest[slot] = spec.cost().estimate(request.promptTokens(), request.maxOutputTokens());
    measureLoad(spec, inFlight, load, s, slot);
    return null;
  }

  private static Filter removed(@Nullable ExplainSink explain, Endpoint e, Filter f, String detail) {
    if (explain != null) {
      explain.removed(e, f, detail);
    }
    return f;
  }

  private static Rejection reject(CompiledRoute route, RoutingRequest request,
      CompiledRoute.ModelCandidates mc, int saturated) {
    if (saturated > 0) {
      return new Rejection(route.name, RejectReason.SATURATED, "all " + saturated
          + " eligible endpoints for model \"" + request.model() + "\" are at their limit");
    }
    return new Rejection(route.name, RejectReason.NO_ELIGIBLE_ENDPOINT, "none of the "
        + mc.servingCount() + " endpoints serving model \"" + request.model()
        + "\" is eligible under route \"" + route.name + "\"");
  }

  private static int hashPrompt(CompiledRoute route, CompiledRoute.ModelCandidates mc,
      RoutingRequest request, Scratch s) {
    if (route.maxBlocks == 0 || request.prompt().length() < route.blockChars) {
      return 0;
    }
    return PrefixHasher.hashBlocks(request.prompt(), mc.prefixSeed(), route.blockChars,
        route.maxBlocks, s.hashes);
  }

  private void matchPrefixes(int blocks, Scratch s, int n) {
    if (blocks == 0) {
      java.util.Arrays.fill(s.matched, 0, n, 0);
    } else {
      affinity.matchLengths(s.hashes, blocks, s.ids, n, s.matched);
    }
  }

  /**
   * The rendezvous owner of the request's session among candidates within the bounded-load limit,
   * or -1 without a session. Replicas agree on it without sharing state.
   *
   * <p>Cold prefixes get no owner bonus: nobody holds them, so a bonus would override the route's
   * objective for no cache benefit. They reach agreement through the tie-break instead, which is
   * keyed by the first prefix block (see {@link #pick}).
   */
  private static int rendezvousOwner(CompiledRoute route, RoutingRequest request, Scratch s,
      int n) {
    String session = route.sessionHeader == null ? null : request.headers().get(route.sessionHeader);
    if (session == null || session.isEmpty()) {
      return -1;
    }
    long key = Rendezvous.hashKey(session);
    double meanLoad = utilisations(s, n);
    double limit = meanLoad * route.boundedLoadFactor;
    int best = -1;
    long bestWeight = 0;
    for (int i = 0; i < n; i++) {
      if (s.utilisation[i] > limit && meanLoad > 0) {
        continue;
      }
      long w = Rendezvous.weight(key, s.eligible[i].rendezvousKey());
      if (best < 0 || Long.compareUnsigned(w, bestWeight) > 0) {
        best = i;
        bestWeight = w;
      }
    }
    return best;
  }

  /** The mean utilisation of the eligible candidates. */
  private static double utilisations(Scratch s, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += s.utilisation[i];
    }
    return sum / n;
  }

  private static void score(CompiledRoute route, RoutingRequest request, Scratch s, int n,
      int blocks, int owner, @Nullable ExplainSink explain) {
    double minCost = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minCost = Math.min(minCost, s.costPerRequest[i]);
    }
    double meanLoad = utilisations(s, n);
    double[] p = s.parts;
    for (int i = 0; i < n; i++) {
      Endpoint e = s.eligible[i];
      double matchFraction = blocks == 0 ? 0 : (double) s.matched[i] / blocks;
      long predicted = predictTtft(route, request, e, matchFraction, s.waiting[i]);
      s.predicted[i] = predicted;
      boolean overloaded = meanLoad > 0 && s.utilisation[i] > meanLoad * route.boundedLoadFactor;
      p[Scorer.LATENCY.ordinal()] =
          (double) route.latencyReferenceNanos / (route.latencyReferenceNanos + predicted);
      p[Scorer.LOAD.ordinal()] = 1 - Math.min(1, s.utilisation[i]);
      p[Scorer.AFFINITY.ordinal()] = overloaded ? 0 : (i == owner ? 1 : matchFraction);
      p[Scorer.COST.ordinal()] = s.costPerRequest[i] <= 0 ? 1 : minCost / s.costPerRequest[i];
      p[Scorer.GRAVITY.ordinal()] = gravity(request, e);
      double total = route.wLatency * p[0] + route.wLoad * p[1] + route.wAffinity * p[2]
          + route.wCost * p[3] + route.wGravity * p[4];
      s.score[i] = total;
      if (explain != null) {
        explain.scored(e, p, total, predicted, predicted <= route.sloNanos, s.matched[i]);
      }
    }
  }

  /**
   * Utilisation and waiting requests of an eligible candidate. Utilisation is the highest of
   * in-flight ÷ max concurrency, reported (running + queued) ÷ max concurrency and reported KV-cache
   * use; waiting is the fresh reported queue, else in-flight beyond max concurrency. A stale report
   * counts as unknown, never as zero load.
   */
  private static void measureLoad(EndpointSpec spec, int inFlight, @Nullable LoadReport load,
      Scratch s, int slot) {
    int concurrency = spec.maxConcurrency();
    double util = (double) inFlight / concurrency;
    long waiting = Math.max(0, inFlight - concurrency + 1);
    if (load != null) {
      if (load.queueDepth() >= 0) {
        waiting = load.queueDepth();
        util = Math.max(util, (double) (Math.max(0, load.running()) + load.queueDepth()) / concurrency);
      }
      if (load.kvCacheUsage() >= 0) {
        util = Math.max(util, load.kvCacheUsage());
      }
    }
    s.utilisation[slot] = util;
    s.waiting[slot] = waiting;
  }

  /** Predicted TTFT; see the class comment. */
  static long predictTtft(CompiledRoute route, RoutingRequest request, Endpoint e,
      double matchFraction, long waiting) {
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
    return route.rtt(request.origin(), e) + queueNanos + prefillNanos;
  }

  private static double gravity(RoutingRequest request, Endpoint e) {
    return switch (request.origin().proximity(e.spec().locality())) {
      case SAME_ZONE -> 1;
      case SAME_REGION -> 0.5;
      case REMOTE -> 0;
    };
  }

  /**
   * Highest score among candidates within the SLO; ties within {@link #TIE_BAND} go to the
   * rendezvous winner for the request's key so replicas agree. When none is within the SLO, the
   * fastest predicted.
   */
  private static int pick(CompiledRoute route, RoutingRequest request, Scratch s, int n, int blocks) {
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
    long key = tieKey(route, request, s, blocks);
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

  private static long tieKey(CompiledRoute route, RoutingRequest request, Scratch s, int blocks) {
    String session = route.sessionHeader == null ? null : request.headers().get(route.sessionHeader);
    if (session != null && !session.isEmpty()) {
      return Rendezvous.hashKey(session);
    }
    // Without a key, spread ties at random rather than sending them all to one endpoint.
    return blocks > 0 ? s.hashes[0] : ThreadLocalRandom.current().nextLong();
  }

  /**
   * Up to {@link #MAX_FALLBACKS} other candidates ordered by the route's tier order, best score
   * first within a tier. Selection, not sorting: k passes over n.
   */
  private static Endpoint[] fallbacks(CompiledRoute route, Scratch s, int n, int primary) {
    int count = Math.min(MAX_FALLBACKS, n - 1);
    Endpoint[] out = new Endpoint[count];
    java.util.Arrays.fill(s.taken, 0, n, false);
    s.taken[primary] = true;
    for (int k = 0; k < count; k++) {
      int next = -1;
      for (int i = 0; i < n; i++) {
        if (!s.taken[i] && (next < 0 || before(route, s, i, next))) {
          next = i;
        }
      }
      s.taken[next] = true;
      out[k] = s.eligible[next];
    }
    return out;
  }

  private static boolean before(CompiledRoute route, Scratch s, int a, int b) {
    int ra = route.tierRank(s.eligible[a]);
    int rb = route.tierRank(s.eligible[b]);
    return ra != rb ? ra < rb : s.score[a] > s.score[b];
  }

  private static void explainStatic(CompiledPolicy policy, CompiledRoute route, String model,
      ExplainSink explain) {
    for (Endpoint e : policy.fleet.servingModel(model)) {
      Filter f = route.staticFilter(e);
      if (f != null) {
        explain.removed(e, f, staticDetail(route, e, f));
      }
    }
  }

  private static String staticDetail(CompiledRoute route, Endpoint e, Filter f) {
    return switch (f) {
      case TIER -> "tier " + e.spec().tier() + " not in route fallback";
      case RESIDENCY -> "region " + e.spec().locality().region() + " not in "
          + route.spec.allowedRegions();
      case HARDWARE -> "has " + e.spec().hardware() + ", needs " + route.spec.requiredHardware();
      default -> "";
    };
  }
}
