package io.inferoute.routing;

import io.inferoute.breaker.PanicMode;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Priority;
import io.inferoute.telemetry.LoadReport;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's filter stage for one request: which pooled candidates may take it now (subset
 * hint, breaker unless the pool is in panic, saturation with batch headroom, queue limit, budget),
 * the load figures of those that may, and the rejection when none may. With an {@link ExplainSink}
 * every removed candidate is recorded with its reason, static filters included; without one a
 * decision allocates nothing here.
 */
final class CandidateFilters {
  /** Batch requests see an endpoint as saturated at this share of its max concurrency. */
  static final double BATCH_HEADROOM = 0.8;

  private CandidateFilters() {}

  /** Envoy's healthy panic threshold over the pool: health is ignored in panic. */
  static boolean inPanic(CompiledPolicy policy, Scratch s, int pooled) {
    int healthy = 0;
    for (int i = 0; i < pooled; i++) {
      boolean ok = s.pool[i].breaker().allowsRequests();
      s.healthy[i] = ok;
      if (ok) {
        healthy++;
      }
    }
    return PanicMode.inPanic(healthy, pooled, policy.panicThresholdPercent);
  }

  /**
   * Moves the pool's eligible candidates to {@code s.eligible}; returns their count, or minus the
   * number removed by saturation when none is eligible (0 when none was saturated either).
   */
  static int filter(CompiledPolicy policy, CompiledRoute route, RoutingRequest request,
      long now, Scratch s, int pooled, boolean panic, @Nullable ExplainSink explain) {
    Set<String> subset = request.subset();
    int originRegion = policy.localities.regionOf(request.origin());
    int originZone = policy.localities.zoneOf(request.origin());
    int n = 0;
    int saturated = 0;
    for (int i = 0; i < pooled; i++) {
      Endpoint e = s.pool[i];
      Filter removed = dynamicFilter(route, e, request, subset, panic || s.healthy[i], now, s, n,
          explain);
      if (removed == null) {
        s.eligible[n] = e;
        s.ids[n] = e.id();
        s.keyedEligible[n] = s.keyed[i];
        s.proximity[n] = policy.localities.proximity(originRegion, originZone, e.id());
        s.tierRank[n] = route.tierRank(e);
        n++;
      } else if (removed == Filter.SATURATED) {
        saturated++;
      }
    }
    return n > 0 ? n : -saturated;
  }

  private static @Nullable Filter dynamicFilter(CompiledRoute route, Endpoint e,
      RoutingRequest request, @Nullable Set<String> subset, boolean healthy, long now, Scratch s,
      int slot, @Nullable ExplainSink explain) {
    // Details are built only for an explanation: a decision must not allocate per filtered candidate.
    if (subset != null && !subset.contains(e.address())) {
      return explain == null ? Filter.SUBSET
          : removed(explain, e, Filter.SUBSET, "not in the proxy's subset hint");
    }
    if (!healthy) {
      return explain == null ? Filter.UNHEALTHY
          : removed(explain, e, Filter.UNHEALTHY, "breaker " + e.breaker().state());
    }
    EndpointSpec spec = e.spec();
    int inFlight = e.telemetry().inFlight();
    int limit = route.priority == Priority.BATCH
        ? (int) Math.ceil(spec.maxConcurrency() * BATCH_HEADROOM) : spec.maxConcurrency();
    if (inFlight >= limit) {
      return explain == null ? Filter.SATURATED
          : removed(explain, e, Filter.SATURATED, "in-flight " + inFlight + " >= limit " + limit);
    }
    LoadReport load = e.telemetry().freshLoad(now);
    int waiting = load == null ? -1 : load.waitingNow(inFlight, spec.maxConcurrency());
    if (spec.maxQueue() > 0 && waiting >= spec.maxQueue()) {
      return explain == null ? Filter.SATURATED : removed(explain, e, Filter.SATURATED,
          queueDetail(load, waiting, spec.maxQueue()));
    }
    double perMillion = spec.cost().perMillionTokens(request.promptTokens(), request.maxOutputTokens());
    if (perMillion > route.budget) {
      return explain == null ? Filter.BUDGET : removed(explain, e, Filter.BUDGET, String.format(
          java.util.Locale.ROOT, "%.4f per 1M tokens > budget %.4f", perMillion, route.budget));
    }
    s.costPerRequest[slot] = spec.cost().estimate(request.promptTokens(), request.maxOutputTokens());
    measureLoad(spec, inFlight, load, s, slot);
    return null;
  }

  private static String queueDetail(LoadReport load, int waiting, int maxQueue) {
    String detail = "queue " + waiting + " >= maxQueue " + maxQueue;
    return waiting == load.queueDepth() ? detail
        : detail + " (reported " + load.queueDepth() + ", estimated with what was sent since)";
  }

  private static Filter removed(ExplainSink explain, Endpoint e, Filter f, String detail) {
    explain.removed(e, f, detail);
    return f;
  }

  static Rejection reject(CompiledRoute route, RoutingRequest request,
      CompiledRoute.ModelCandidates mc, int saturated) {
    if (saturated > 0) {
      return new Rejection(route.name, RejectReason.SATURATED, "all " + saturated
          + " eligible endpoints for model \"" + request.model() + "\" are at their limit");
    }
    return new Rejection(route.name, RejectReason.NO_ELIGIBLE_ENDPOINT, "none of the "
        + mc.servingCount() + " endpoints serving model \"" + request.model()
        + "\" is eligible under route \"" + route.name + "\"");
  }

  /**
   * Utilisation and waiting requests of an eligible candidate. Utilisation is the highest of
   * in-flight ÷ max concurrency, the requests the endpoint holds now ÷ max concurrency and reported
   * KV-cache use; waiting is the queue now. "Now" is the fresh report brought forward by what this
   * router sent since and saw finish ({@link LoadReport#outstandingNow}, {@link
   * LoadReport#waitingNow}): a replica among several sees the others' traffic only through the
   * report, and its own since then only through its count. Without a report, waiting is in-flight
   * beyond max concurrency. A stale report counts as unknown, never as zero load.
   */
  private static void measureLoad(EndpointSpec spec, int inFlight, @Nullable LoadReport load,
      Scratch s, int slot) {
    int concurrency = spec.maxConcurrency();
    double util = (double) inFlight / concurrency;
    long waiting = Math.max(0, inFlight - concurrency + 1);
    if (load != null) {
      if (load.queueDepth() >= 0) {
        waiting = load.waitingNow(inFlight, concurrency);
        util = Math.max(util, (double) load.outstandingNow(inFlight) / concurrency);
      }
      if (load.kvCacheUsage() >= 0) {
        util = Math.max(util, load.kvCacheUsage());
      }
    }
    s.utilisation[slot] = util;
    s.waiting[slot] = waiting;
  }

  static void explainStatic(CompiledPolicy policy, CompiledRoute route, String model,
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
