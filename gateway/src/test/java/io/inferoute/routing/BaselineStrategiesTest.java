package io.inferoute.routing;

import static io.inferoute.routing.TestFleets.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.Locality;
import io.inferoute.policy.Objective;
import io.inferoute.policy.PlacementStrategy;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.testing.FakeTicker;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The baseline strategies, through the engine: what each picks and what it shares with the pipeline. */
class BaselineStrategiesTest {
  private static final Locality TOKYO = Locality.parse("asia/tokyo-a/rack-9");
  private static final List<String> NPUS = List.of("npu-1", "npu-2", "npu-3");
  private final FakeTicker ticker = new FakeTicker();
  private RoutingEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  /** Three regional NPUs, one route over them with {@code strategy}. */
  private RoutingEngine engine(PlacementStrategy strategy, BreakerSettings breaker) {
    RouteSpec route = RouteSpec.of("lab", RouteMatch.model(MODEL), Objective.LATENCY)
        .withFallback(List.of("regional-npu")).withStrategy(strategy);
    RoutingPolicy p = TestFleets.policy(List.of(TestFleets.regional("npu-1", 1),
        TestFleets.regional("npu-2", 2), TestFleets.regional("npu-3", 3)), route);
    engine = RoutingEngine.create(new RoutingPolicy(p.name(), p.tiers(), p.rtt(), p.endpoints(),
        p.routes(), p.defaultRoute(), breaker, p.telemetry()), ticker);
    return engine;
  }

  private RoutingEngine engine(PlacementStrategy strategy) {
    return engine(strategy, BreakerSettings.DEFAULT);
  }

  private static RoutingRequest request(String prompt) {
    return RoutingRequest.of(MODEL, prompt, TOKYO);
  }

  private static Placement placed(Decision d) {
    assertThat(d).isInstanceOf(Placement.class);
    return (Placement) d;
  }

  private Endpoint endpoint(String name) {
    return engine.fleet().byName(name);
  }

  private void eject(String name) {
    Endpoint e = endpoint(name);
    engine.dispatched(e);
    engine.completed(e, new Completion(Outcome.FAILURE_5XX, -1, 1_000_000, -1));
    assertThat(e.breaker().allowsRequests()).isFalse();
  }

  private Map<String, Integer> primaries(int decisions, RoutingRequest request) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < decisions; i++) {
      counts.merge(placed(engine.decide(request)).primary().name(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void roundRobinCyclesEvenlyOverThreeCandidatesWithTheNextOnesAsFallbacks() {
    engine(PlacementStrategy.ROUND_ROBIN);
    Placement first = placed(engine.decide(request("x")));
    int at = NPUS.indexOf(first.primary().name());
    assertThat(first.fallbacks()).extracting(Endpoint::name)
        .containsExactly(NPUS.get((at + 1) % 3), NPUS.get((at + 2) % 3));
    assertThat(placed(engine.decide(request("x"))).primary().name()).isEqualTo(NPUS.get((at + 1) % 3));

    assertThat(primaries(300, request("x"))).containsOnly(
        Map.entry("npu-1", 100), Map.entry("npu-2", 100), Map.entry("npu-3", 100));
  }

  @Test
  void roundRobinSkipsAnEjectedCandidateAndKeepsTheRestEven() {
    engine(PlacementStrategy.ROUND_ROBIN, TestFleets.twitchyBreaker(0));
    eject("npu-2");
    for (int i = 0; i < 10; i++) {
      assertThat(placed(engine.decide(request("x"))).fallbacks()).extracting(Endpoint::name)
          .doesNotContain("npu-2");
    }

    assertThat(primaries(200, request("x"))).containsOnly(
        Map.entry("npu-1", 100), Map.entry("npu-3", 100));
  }

  @Test
  void roundRobinHonoursTheSubsetHint() {
    engine(PlacementStrategy.ROUND_ROBIN);
    RoutingRequest r = request("x").withSubset(Set.of(endpoint("npu-1").address(),
        endpoint("npu-3").address()));

    assertThat(primaries(100, r)).containsOnly(Map.entry("npu-1", 50), Map.entry("npu-3", 50));
  }

  @Test
  void roundRobinStaysExactlyEvenUnderConcurrentDecisions() throws Exception {
    engine(PlacementStrategy.ROUND_ROBIN);
    int threads = 4;
    int each = 3_000;
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            String name = placed(engine.decide(request("x"))).primary().name();
            counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // One atomic counter: every value is taken once, so the turns are exact whatever the interleaving.
    assertThat(counts).hasSize(3);
    assertThat(counts.values()).extracting(AtomicInteger::get).containsOnly(threads * each / 3);
  }

  @Test
  void randomSpreadsOverEveryCandidateWithDistinctFallbacks() {
    engine(PlacementStrategy.RANDOM);
    for (int i = 0; i < 100; i++) {
      Placement p = placed(engine.decide(request("x")));
      assertThat(p.fallbacks()).hasSize(2).doesNotContain(p.primary()).doesNotHaveDuplicates();
    }

    // 3,000 fair draws: each count is 1,000 ± 26 (one standard deviation); ±200 is 7.7 of them.
    Map<String, Integer> counts = primaries(3_000, request("x"));
    assertThat(counts).containsOnlyKeys(NPUS);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(800, 1_200));
  }

  @Test
  void leastRequestPrefersTheLowerInFlightOfTwo() {
    engine(PlacementStrategy.LEAST_REQUEST);
    RoutingRequest r = request("x").withSubset(Set.of(endpoint("npu-1").address(),
        endpoint("npu-2").address()));
    for (int i = 0; i < 3; i++) {
      engine.dispatched(endpoint("npu-1"));
    }

    for (int i = 0; i < 50; i++) {
      Placement p = placed(engine.decide(r));
      assertThat(p.primary().name()).isEqualTo("npu-2");
      assertThat(p.fallbacks()).extracting(Endpoint::name).containsExactly("npu-1");
    }
  }

  @Test
  void leastRequestBreaksTiesAtRandom() {
    engine(PlacementStrategy.LEAST_REQUEST);

    // Equal in-flight everywhere: 900 picks, about 300 each.
    assertThat(primaries(900, request("x")).values()).hasSize(3)
        .allSatisfy(c -> assertThat(c).isBetween(200, 400));
  }

  @Test
  void prefixAffinityPrefersTheHolderOfThePrefixWhenLoadsAreEqual() {
    engine(PlacementStrategy.PREFIX_AFFINITY);
    String prompt = "You are a helpful assistant. ".repeat(20);
    Placement first = placed(engine.decide(request(prompt)));
    assertThat(first.matchedBlocks()).isZero();
    assertThat(first.promptBlocks()).isPositive();

    for (int i = 0; i < 20; i++) {
      Placement p = placed(engine.decide(request(prompt)));
      assertThat(p.primary()).isEqualTo(first.primary());
      assertThat(p.matchedBlocks()).isEqualTo(p.promptBlocks());
      assertThat(p.score()).isEqualTo(1.0);
    }
  }

  @Test
  void prefixAffinityPrefersTheLessLoadedWhenNoPrefixMatches() {
    engine(PlacementStrategy.PREFIX_AFFINITY);
    endpoint("npu-1").telemetry().reportLoad(6, 32, 0.9);
    endpoint("npu-2").telemetry().reportLoad(0, 4, 0.2);
    endpoint("npu-3").telemetry().reportLoad(2, 20, 0.5);

    for (int i = 0; i < 20; i++) {
      // A different prompt each time: nothing is cached yet.
      Placement p = placed(engine.decide(request("question " + i + " ".repeat(200))));
      assertThat(p.primary().name()).isEqualTo("npu-2");
      assertThat(p.matchedBlocks()).isZero();
      assertThat(p.fallbacks()).extracting(Endpoint::name).containsExactly("npu-3", "npu-1");
      // queue 1, KV 0.8, prefix 0, weighted 2:2:3.
      assertThat(p.score()).isCloseTo((2 * 1 + 2 * 0.8) / 7, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void prefixAffinityTreatsAStaleReportAsUnknown() {
    engine(PlacementStrategy.PREFIX_AFFINITY);
    for (String busy : List.of("npu-1", "npu-3")) {
      for (int i = 0; i < 8; i++) {
        engine.dispatched(endpoint(busy));
      }
    }
    endpoint("npu-2").telemetry().reportLoad(20, 32, 1.0);
    assertThat(primaries(20, request("short"))).doesNotContainKey("npu-2");

    ticker.advance(java.time.Duration.ofSeconds(6)); // past loadReportMaxAge (5 s)

    // The report no longer counts: npu-2 is the one with nothing in flight.
    assertThat(primaries(20, request("short"))).containsOnly(Map.entry("npu-2", 20));
  }

  @Test
  void prefixAffinityUsesTheRoutersOwnCountWithoutALoadReport() {
    engine(PlacementStrategy.PREFIX_AFFINITY);
    for (String busy : List.of("npu-1", "npu-3")) {
      for (int i = 0; i < 8; i++) {
        engine.dispatched(endpoint(busy));
      }
    }

    assertThat(primaries(20, request("short"))).containsOnly(Map.entry("npu-2", 20));
  }

  @Test
  void baselinesIgnoreTheSaturationFilter() {
    engine(PlacementStrategy.ROUND_ROBIN);
    Endpoint npu1 = endpoint("npu-1");
    for (int i = 0; i < npu1.spec().maxConcurrency(); i++) {
      engine.dispatched(npu1);
    }

    assertThat(primaries(30, request("x"))).containsEntry("npu-1", 10);
  }

  @Test
  void rejectsAsThePipelineDoesWhenEveryCandidateIsEjected() {
    engine(PlacementStrategy.ROUND_ROBIN, TestFleets.twitchyBreaker(0));
    NPUS.forEach(this::eject);

    Decision d = engine.decide(request("x"));

    assertThat(d).isEqualTo(new Rejection("lab", RejectReason.NO_ELIGIBLE_ENDPOINT,
        "none of the 3 endpoints serving model \"llama-3.1-8b\" is eligible under route \"lab\""));
    engine.apply(withStrategy(engine.policy(), PlacementStrategy.INFEROUTE));
    assertThat(engine.decide(request("x"))).isEqualTo(d);
  }

  @Test
  void panicIgnoresHealthAsThePipelineDoes() {
    engine(PlacementStrategy.RANDOM, TestFleets.twitchyBreaker(60));
    eject("npu-1");
    eject("npu-2");

    Explanation x = engine.explain(request("x"));

    assertThat(x.panic()).isTrue();
    assertThat(primaries(300, request("x"))).containsOnlyKeys(NPUS);
  }

  @Test
  void baselineDecisionsStillFlowThroughInFlightAndBreakerAccounting() {
    engine(PlacementStrategy.LEAST_REQUEST, TestFleets.twitchyBreaker(0));
    RoutingRequest r = request("x").withSubset(Set.of(endpoint("npu-1").address(),
        endpoint("npu-2").address()));
    Endpoint first = placed(engine.decide(r)).primary();
    assertThat(engine.dispatched(first)).isTrue();
    assertThat(first.telemetry().inFlight()).isEqualTo(1);

    Endpoint second = placed(engine.decide(r)).primary();
    assertThat(second).isNotEqualTo(first);

    engine.completed(first, new Completion(Outcome.FAILURE_5XX, -1, 1_000_000, -1));
    assertThat(first.telemetry().inFlight()).isZero();
    assertThat(first.breaker().allowsRequests()).isFalse();
    for (int i = 0; i < 20; i++) {
      Placement p = placed(engine.decide(r));
      assertThat(p.primary()).isEqualTo(second);
      assertThat(p.fallbacks()).isEmpty();
    }
  }

  @Test
  void explanationStatesTheStrategyAndThatTheScorersWereNotUsed() {
    engine(PlacementStrategy.ROUND_ROBIN);
    Explanation rr = engine.explain(request("x"));
    assertThat(rr.strategy()).isEqualTo("round-robin");
    assertThat(rr.scorersUsed()).isFalse();
    assertThat(rr.candidates()).hasSize(3).allSatisfy(c -> assertThat(c.scores()).isEmpty());
    assertThat(rr.toTable()).contains("strategy: round-robin (baseline: Inferoute's saturation and"
        + " budget filters, SLO and scorers were not used)");
    assertThat(rr.toJson()).contains("\"strategy\" : \"round-robin\"", "\"scorersUsed\" : false");

    engine.apply(withStrategy(engine.policy(), PlacementStrategy.PREFIX_AFFINITY));
    Explanation pa = engine.explain(request("x"));
    assertThat(pa.candidates()).allSatisfy(c ->
        assertThat(c.scores()).containsOnlyKeys("queue", "kvCache", "prefix"));
    assertThat(pa.toTable()).contains("queue=1.0 kvCache=1.0 prefix=0.0");

    engine.apply(withStrategy(engine.policy(), PlacementStrategy.INFEROUTE));
    Explanation own = engine.explain(request("x"));
    assertThat(own.strategy()).isEqualTo("inferoute");
    assertThat(own.scorersUsed()).isTrue();
    assertThat(own.toTable()).contains("strategy: inferoute\n");
  }

  @Test
  void explainingABaselineRecordsNoPrefixAndTakesNoTurn() {
    engine(PlacementStrategy.PREFIX_AFFINITY);
    engine.explain(request("You are a helpful assistant. ".repeat(20)));
    assertThat(engine.affinity().size()).isZero();

    engine.apply(withStrategy(engine.policy(), PlacementStrategy.ROUND_ROBIN));
    String shown = engine.explain(request("x")).primary();
    assertThat(engine.explain(request("x")).primary()).isEqualTo(shown);
    assertThat(placed(engine.decide(request("x"))).primary().name()).isEqualTo(shown);
  }

  @Test
  void baselineDecisionsAllocateLessThan256Bytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    for (PlacementStrategy s : List.of(PlacementStrategy.ROUND_ROBIN, PlacementStrategy.RANDOM,
        PlacementStrategy.LEAST_REQUEST, PlacementStrategy.PREFIX_AFFINITY)) {
      engine(s);
      RoutingRequest r = request(("system prompt ").repeat(60));
      for (int i = 0; i < 20_000; i++) {
        engine.decide(r);
      }
      int n = 10_000;
      long before = threads.getThreadAllocatedBytes(threadId);
      for (int i = 0; i < n; i++) {
        engine.decide(r);
      }
      long perDecision = (threads.getThreadAllocatedBytes(threadId) - before) / n;
      assertThat(perDecision).as(s + ": bytes allocated per decision").isLessThan(256);
      engine.close();
    }
  }

  private static RoutingPolicy withStrategy(RoutingPolicy p, PlacementStrategy strategy) {
    return new RoutingPolicy(p.name(), p.tiers(), p.rtt(), p.endpoints(),
        List.of(p.routes().get(0).withStrategy(strategy)), p.defaultRoute(), p.breaker(),
        p.telemetry());
  }
}
