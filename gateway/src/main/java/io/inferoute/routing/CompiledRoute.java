package io.inferoute.routing;

import io.inferoute.affinity.PrefixHasher;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.endpoint.Fleet;
import io.inferoute.policy.Priority;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RttTable;
import io.inferoute.policy.ScoreWeights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A route with everything a decision needs precomputed against one fleet: normalised weights,
 * tier ranks, and per model the endpoints that pass the static filters (tier, residency,
 * hardware), ordered by tier preference.
 */
final class CompiledRoute {
  /**
   * Candidates of one model under this route.
   *
   * @param endpoints those passing the static filters, in tier order
   * @param member by endpoint id: true when the endpoint is in {@code endpoints}
   * @param prefixSeed the model's prefix-hash seed
   * @param servingCount endpoints serving the model before the static filters
   * @param roundRobin the {@code round-robin} strategy's position over these candidates
   */
  record ModelCandidates(Endpoint[] endpoints, boolean[] member, long prefixSeed, int servingCount,
      int[] strides, AtomicInteger roundRobin) {}

  /** Up to 16 steps coprime to {@code n}, so a stride from any start visits every position once. */
  static int[] coprimeStrides(int n) {
    int[] out = new int[16];
    int found = 0;
    for (int step = Math.max(1, n / 3); found < out.length && step < n + n / 3 + 16; step++) {
      int candidate = 1 + step % Math.max(1, n - 1);
      if (gcd(candidate, n) == 1) {
        out[found++] = candidate;
      }
    }
    while (found < out.length) {
      out[found] = out[found % Math.max(1, found)];
      found++;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  final RouteSpec spec;
  final String name;
  final double wLatency;
  final double wLoad;
  final double wAffinity;
  final double wCost;
  final double wGravity;
  final long sloNanos;
  final long latencyReferenceNanos;
  final double budget;
  final Priority priority;
  final int blockChars;
  final int maxBlocks;
  final @Nullable String sessionHeader;
  final double boundedLoadFactor;
  final long rttSameZone;
  final long rttSameRegion;
  final long rttRemote;
  private final String[] headerNames;
  private final String[] headerValues;
  private final Map<String, Integer> tierRank;
  private final int[] tierRankById;
  private final Map<String, ModelCandidates> byModel;

  /** When a route has no SLO, latency scores are relative to this. */
  static final long DEFAULT_LATENCY_REFERENCE_NANOS = 200_000_000L;

  CompiledRoute(RouteSpec spec, List<String> policyTiers, RttTable rtt, Fleet fleet) {
    this.spec = spec;
    this.name = spec.name();
    ScoreWeights w = spec.weights().normalised();
    this.wLatency = w.latency();
    this.wLoad = w.load();
    this.wAffinity = w.affinity();
    this.wCost = w.cost();
    this.wGravity = w.gravity();
    this.sloNanos = spec.ttftSlo() == null ? Long.MAX_VALUE : spec.ttftSlo().toNanos();
    this.latencyReferenceNanos =
        spec.ttftSlo() == null ? DEFAULT_LATENCY_REFERENCE_NANOS : spec.ttftSlo().toNanos();
    this.budget = spec.maxCostPerMillionTokens() == null
        ? Double.POSITIVE_INFINITY : spec.maxCostPerMillionTokens();
    this.priority = spec.priority();
    this.blockChars = spec.affinity().blockChars();
    this.maxBlocks = spec.affinity().maxBlocks();
    this.sessionHeader = spec.affinity().sessionHeader() == null
        ? null : spec.affinity().sessionHeader().toLowerCase(java.util.Locale.ROOT);
    this.boundedLoadFactor = 1 + spec.affinity().boundedLoadEpsilon();
    this.rttSameZone = rtt.sameZone().toNanos();
    this.rttSameRegion = rtt.sameRegion().toNanos();
    this.rttRemote = rtt.remote().toNanos();
    this.headerNames = new String[spec.match().headers().size()];
    this.headerValues = new String[headerNames.length];
    int h = 0;
    for (Entry<String, String> header : spec.match().headers().entrySet()) {
      headerNames[h] = header.getKey();
      headerValues[h++] = header.getValue();
    }
    List<String> order = spec.fallbackTiers().isEmpty() ? policyTiers : spec.fallbackTiers();
    this.tierRank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      tierRank.put(order.get(i), i);
    }
    this.tierRankById = new int[fleet.idLimit()];
    for (Endpoint e : fleet.endpoints()) {
      tierRankById[e.id()] = tierRank.getOrDefault(e.spec().tier(), Integer.MAX_VALUE);
    }
    this.byModel = new HashMap<>();
    for (String model : fleet.models()) {
      if (spec.match().model() == null || spec.match().model().equals(model)) {
        byModel.put(model, compileModel(model, fleet));
      }
    }
  }

  private ModelCandidates compileModel(String model, Fleet fleet) {
    Endpoint[] serving = fleet.servingModel(model);
    List<Endpoint> kept = new ArrayList<>(serving.length);
    for (Endpoint e : serving) {
      if (staticFilter(e) == null) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparingInt(this::tierRank));
    boolean[] member = new boolean[fleet.idLimit()];
    for (Endpoint e : kept) {
      member[e.id()] = true;
    }
    return new ModelCandidates(kept.toArray(new Endpoint[0]), member, PrefixHasher.modelSeed(model),
        serving.length, coprimeStrides(kept.size()),
        // A random start, as Envoy's round robin: a policy reload must not favour the first candidate.
        new AtomicInteger(ThreadLocalRandom.current().nextInt()));
  }

  /** The first static filter that removes {@code e}, or null when it passes them all. */
  @Nullable Filter staticFilter(Endpoint e) {
    if (!tierRank.containsKey(e.spec().tier())) {
      return Filter.TIER;
    }
    if (!spec.allowedRegions().isEmpty()
        && !spec.allowedRegions().contains(e.spec().locality().region())) {
      return Filter.RESIDENCY;
    }
    if (!e.spec().hardware().containsAll(spec.requiredHardware())) {
      return Filter.HARDWARE;
    }
    return null;
  }

  /** Rank of an endpoint's tier in this route's order; routes exclude unranked tiers statically. */
  int tierRank(Endpoint e) {
    return tierRankById[e.id()];
  }

  /** Candidates for a model, or null when no endpoint of the fleet serves it under this route. */
  @Nullable ModelCandidates candidates(String model) {
    return byModel.get(model);
  }

  /** True when the request's model, path and headers satisfy this route's match. */
  boolean matches(RoutingRequest request) {
    String model = spec.match().model();
    if (model != null && !model.equals(request.model())) {
      return false;
    }
    String prefix = spec.match().pathPrefix();
    if (prefix != null && !request.path().startsWith(prefix)) {
      return false;
    }
    for (int i = 0; i < headerNames.length; i++) {
      if (!headerValues[i].equals(request.headers().get(headerNames[i]))) {
        return false;
      }
    }
    return true;
  }

  /** RTT for a {@link LocalityIndex} proximity class. */
  long rtt(int proximity) {
    return proximity == LocalityIndex.SAME_ZONE ? rttSameZone
        : proximity == LocalityIndex.SAME_REGION ? rttSameRegion : rttRemote;
  }
}
