package io.inferoute.routing;

import static io.inferoute.routing.TestFleets.MODEL;
import static io.inferoute.routing.TestFleets.latencyRoute;
import static io.inferoute.routing.TestFleets.policy;
import static io.inferoute.routing.TestFleets.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.AffinitySettings;
import io.inferoute.policy.Locality;
import io.inferoute.policy.Objective;
import io.inferoute.policy.Priority;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {
  private static final Locality TOKYO = Locality.parse("asia/tokyo-a/rack-9");
  private final FakeTicker ticker = new FakeTicker();
  private RoutingEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private RoutingEngine engine(RoutingPolicy policy) {
    engine = RoutingEngine.create(policy, ticker);
    return engine;
  }

  private static String prompt(int chars, long seed) {
    StringBuilder sb = new StringBuilder(chars);
    java.util.Random r = new java.util.Random(seed);
    while (sb.length() < chars) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static Placement placed(Decision d) {
    assertThat(d).isInstanceOf(Placement.class);
    return (Placement) d;
  }

  private static RoutingRequest request(String prompt) {
    return RoutingRequest.of(MODEL, prompt, TOKYO);
  }

  @Test
  void picksTheFastestNearbyEdgeWhenNoAffinityApplies() {
    engine(policy(standardFleet(), latencyRoute(150)));
    // Shorter than one prefix block: no cache affinity and no rendezvous owner.
    Placement p = placed(engine.decide(request(prompt(40, 1))));
    assertThat(p.route()).isEqualTo("chat");
    assertThat(p.primary().spec().tier()).isEqualTo("edge-gpu");
    assertThat(p.degraded()).isFalse();
    // 2 ms same-zone RTT + 10 tokens at 10,000 tokens/s.
    assertThat(p.predictedTtftNanos()).isEqualTo(3_000_000L);
  }

  @Test
  void coldPrefixOwnerIsChosenOnlyAmongNearBestCandidates() {
    engine(policy(standardFleet(), latencyRoute(150)));
    // Cloud scores far below the edge and regional nodes, so no cold prefix may land there.
    for (int i = 0; i < 100; i++) {
      Explanation x = engine.explain(request(prompt(400, 100 + i)));
      assertThat(x.primary()).isNotEqualTo("cloud-1");
      assertThat(x.candidates()).filteredOn(c -> c.scores().getOrDefault("affinity", 0.0) == 1.0)
          .singleElement().satisfies(c -> assertThat(c.role()).isEqualTo("primary"));
    }
  }

  @Test
  void longPromptMovesToCloudWhenEdgeWouldMissSlo() {
    engine(policy(standardFleet(), latencyRoute(800)));
    // 10,000 tokens: edge 2 + 1000 ms, regional 10 + 1667 ms, cloud 80 + 500 ms.
    Placement p = placed(engine.decide(request(prompt(40_000, 2))));
    assertThat(p.primary().name()).isEqualTo("cloud-1");
    assertThat(p.degraded()).isFalse();
    assertThat(p.predictedTtftNanos()).isEqualTo(580_000_000L);
  }

  @Test
  void marksDegradedAndPicksFastestWhenNothingMeetsSlo() {
    engine(policy(standardFleet(), latencyRoute(5)));
    Placement p = placed(engine.decide(request(prompt(400, 3))));
    assertThat(p.degraded()).isTrue();
    assertThat(p.primary().spec().tier()).isEqualTo("edge-gpu");
  }

  @Test
  void unknownModelIsRejectedWith404() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Decision d = engine.decide(RoutingRequest.of("gpt-unknown", "hi", TOKYO));
    assertThat(d).isInstanceOf(Rejection.class);
    Rejection r = (Rejection) d;
    assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_MODEL);
    assertThat(r.reason().httpStatus()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("model \"gpt-unknown\" is not served by any endpoint");
  }

  @Test
  void residencyKeepsRequestsInAllowedRegions() {
    engine(policy(standardFleet(), latencyRoute(150).withResidency(Set.of("us-east"))));
    Placement p = placed(engine.decide(request(prompt(400, 4))));
    assertThat(p.primary().name()).isEqualTo("cloud-1");
    assertThat(p.fallbackCount()).isZero();
  }

  @Test
  void requiredHardwareFiltersEndpoints() {
    engine(policy(standardFleet(), latencyRoute(150).withRequiredHardware(Set.of("npu"))));
    Placement p = placed(engine.decide(request(prompt(400, 5))));
    assertThat(p.primary().spec().tier()).isEqualTo("regional-npu");
    assertThat(p.fallbacks()).allMatch(e -> e.spec().hardware().contains("npu"));
  }

  @Test
  void noEligibleEndpointIs503WithTheRouteNamed() {
    engine(policy(standardFleet(), latencyRoute(150).withResidency(Set.of("eu-west"))));
    Rejection r = (Rejection) engine.decide(request("hello"));
    assertThat(r.reason()).isEqualTo(RejectReason.NO_ELIGIBLE_ENDPOINT);
    assertThat(r.reason().httpStatus()).isEqualTo(503);
    assertThat(r.message()).isEqualTo(
        "none of the 6 endpoints serving model \"llama-3.1-8b\" is eligible under route \"chat\"");
  }

  @Test
  void saturatedEndpointsAreSkippedAndAllSaturatedIs429() {
    engine(policy(standardFleet(), latencyRoute(150).withFallback(List.of("edge-gpu"))));
    Endpoint edge1 = engine.fleet().byName("edge-1");
    for (int i = 0; i < 8; i++) {
      assertThat(engine.dispatched(edge1)).isTrue();
    }
    assertThat(placed(engine.decide(request("x"))).primary().name()).isEqualTo("edge-2");
    Endpoint edge2 = engine.fleet().byName("edge-2");
    for (int i = 0; i < 8; i++) {
      engine.dispatched(edge2);
    }
    Rejection r = (Rejection) engine.decide(request("x"));
    assertThat(r.reason()).isEqualTo(RejectReason.SATURATED);
    assertThat(r.reason().httpStatus()).isEqualTo(429);
    engine.completed(edge2, Completion.ofStatus(200, 1_000_000, 2_000_000, 10));
    assertThat(placed(engine.decide(request("x"))).primary().name()).isEqualTo("edge-2");
  }

  @Test
  void batchIsShedBeforeInteractive() {
    RouteSpec batch = RouteSpec.of("batch", new RouteMatch(MODEL, null, Map.of("x-priority", "batch")),
        Objective.COST).withFallback(List.of("edge-gpu")).withPriority(Priority.BATCH);
    RouteSpec interactive = latencyRoute(150).withFallback(List.of("edge-gpu"))
        .withPriority(Priority.INTERACTIVE);
    engine(policy(standardFleet(), batch, interactive));
    for (String name : List.of("edge-1", "edge-2")) {
      for (int i = 0; i < 7; i++) { // 7 of 8: past the batch headroom of 80%
        engine.dispatched(engine.fleet().byName(name));
      }
    }
    RoutingRequest batchRequest = request("x").withHeaders(Headers.of(Map.of("X-Priority", "batch")));
    assertThat(((Rejection) engine.decide(batchRequest)).reason()).isEqualTo(RejectReason.SATURATED);
    assertThat(engine.decide(request("x"))).isInstanceOf(Placement.class);
  }

  @Test
  void openBreakerRemovesEndpoint() {
    RoutingPolicy base = policy(standardFleet(), latencyRoute(150).withFallback(List.of("edge-gpu")));
    engine(withBreaker(base, TestFleets.twitchyBreaker(0)));
    Endpoint edge1 = engine.fleet().byName("edge-1");
    engine.dispatched(edge1);
    engine.completed(edge1, new Completion(Outcome.FAILURE_5XX, -1, 1_000_000, -1));
    for (int i = 0; i < 20; i++) {
      Placement p = placed(engine.decide(request(prompt(400, i))));
      assertThat(p.primary().name()).isEqualTo("edge-2");
      assertThat(p.fallbacks()).extracting(Endpoint::name).doesNotContain("edge-1");
    }
  }

  @Test
  void panicModeIgnoresHealthWhenTooFewEndpointsAreHealthy() {
    RoutingPolicy base = policy(standardFleet(), latencyRoute(150).withFallback(List.of("edge-gpu")));
    engine(withBreaker(base, TestFleets.twitchyBreaker(60)));
    for (String name : List.of("edge-1", "edge-2")) {
      Endpoint e = engine.fleet().byName(name);
      engine.dispatched(e);
      engine.completed(e, new Completion(Outcome.GATEWAY_FAILURE, -1, 1_000_000, -1));
      assertThat(e.breaker().allowsRequests()).isFalse();
    }
    Explanation x = engine.explain(request("x"));
    assertThat(x.panic()).isTrue();
    assertThat(x.primary()).startsWith("edge-");
    assertThat(engine.decide(request("x"))).isInstanceOf(Placement.class);
  }

  @Test
  void fallbackListFollowsTierOrderWithoutDuplicates() {
    engine(policy(standardFleet(), latencyRoute(150)));
    for (int i = 0; i < 50; i++) {
      Placement p = placed(engine.decide(request(prompt(400 + i * 97, i))));
      Set<String> seen = new HashSet<>();
      seen.add(p.primary().name());
      int lastRank = -1;
      for (Endpoint f : p.fallbacks()) {
        assertThat(seen.add(f.name())).as("duplicate %s in %s", f, p).isTrue();
        int rank = RoutingPolicy.DEFAULT_TIERS.indexOf(f.spec().tier());
        assertThat(rank).isGreaterThanOrEqualTo(lastRank);
        lastRank = rank;
      }
      assertThat(p.fallbackCount()).isEqualTo(PlacementPipeline.MAX_FALLBACKS);
      assertThat(p.destinations().split(",")).hasSize(1 + p.fallbackCount())
          .startsWith(p.primary().address());
    }
  }

  @Test
  void subsetHintRestrictsCandidates() {
    engine(policy(standardFleet(), latencyRoute(150)));
    String npu2 = engine.fleet().byName("npu-2").address();
    Placement p = placed(engine.decide(request("x").withSubset(Set.of(npu2))));
    assertThat(p.primary().name()).isEqualTo("npu-2");
    assertThat(p.fallbackCount()).isZero();
    Rejection r = (Rejection) engine.decide(request("x").withSubset(Set.of("192.0.2.1:8000")));
    assertThat(r.reason()).isEqualTo(RejectReason.NO_ELIGIBLE_ENDPOINT);
  }

  @Test
  void budgetRemovesEndpointsThatCostTooMuch() {
    engine(policy(standardFleet(), latencyRoute(150).withBudget(0.5)));
    Explanation x = engine.explain(request(prompt(400, 6)));
    assertThat(x.candidates()).filteredOn(c -> c.endpoint().equals("cloud-1"))
        .singleElement().satisfies(c -> {
          assertThat(c.removedBy()).isEqualTo("budget");
          assertThat(c.detail()).contains("> budget 0.5000");
        });
    assertThat(x.primary()).isNotEqualTo("cloud-1");
  }

  @Test
  void repeatedPromptReturnsToTheEndpointThatCachedIt() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withFallback(List.of("regional-npu"));
    engine(policy(standardFleet(), pool));
    String system = prompt(2_000, 7);
    Placement first = placed(engine.decide(request(system + " first question")));
    for (int turn = 0; turn < 10; turn++) {
      Placement next = placed(engine.decide(request(system + " question " + turn + prompt(300, turn))));
      assertThat(next.primary()).isSameAs(first.primary());
      assertThat(next.matchedBlocks()).isGreaterThanOrEqualTo(2_000 / 64);
    }
  }

  @Test
  void sessionsAndColdPrefixesLandOnTheSameEndpointInIndependentReplicas() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withFallback(List.of("regional-npu"))
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    RoutingPolicy policy = policy(standardFleet(), pool);
    try (RoutingEngine replicaA = RoutingEngine.create(policy, ticker);
        RoutingEngine replicaB = RoutingEngine.create(policy, ticker)) {
      Set<String> owners = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        RoutingRequest session = request("short").withHeaders(Headers.of(Map.of("x-session-id", "s-" + i)));
        String a = placed(replicaA.decide(session)).primary().name();
        assertThat(placed(replicaB.decide(session)).primary().name()).isEqualTo(a);
        owners.add(a);
        RoutingRequest cold = request(prompt(640, 1_000 + i));
        assertThat(placed(replicaB.decide(cold)).primary().name())
            .isEqualTo(placed(replicaA.decide(cold)).primary().name());
      }
      assertThat(owners).as("sessions spread over the pool").hasSizeGreaterThan(1);
    }
  }

  @Test
  void boundedLoadTakesAffinityAwayFromAnOverloadedOwner() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withFallback(List.of("regional-npu"))
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    engine(policy(standardFleet(), pool));
    RoutingRequest session = request("short").withHeaders(Headers.of(Map.of("x-session-id", "alice")));
    Endpoint owner = placed(engine.decide(session)).primary();
    for (int i = 0; i < 20; i++) {
      engine.dispatched(owner);
    }
    Explanation x = engine.explain(session);
    assertThat(x.primary()).isNotEqualTo(owner.name());
    assertThat(x.candidates()).filteredOn(c -> c.endpoint().equals(owner.name()))
        .singleElement().satisfies(c -> assertThat(c.scores().get("affinity")).isZero());
  }

  @Test
  void aFewKvBlocksInUseDoNotCountAsOverload() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withFallback(List.of("regional-npu"))
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    engine(policy(standardFleet(), pool));
    RoutingRequest session = request("short").withHeaders(Headers.of(Map.of("x-session-id", "alice")));
    Endpoint owner = placed(engine.decide(session)).primary();
    owner.telemetry().reportLoad(0, 0, 0.004); // the first turn's prefix blocks, still cached
    Explanation x = engine.explain(session);
    assertThat(x.primary()).isEqualTo(owner.name());
    assertThat(x.candidates()).filteredOn(c -> c.endpoint().equals(owner.name())).singleElement()
        .satisfies(c -> assertThat(c.scores().get("affinity")).isEqualTo(1.0));
  }

  @Test
  void staleLoadReportCountsAsUnknownNotAsIdle() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withFallback(List.of("regional-npu"));
    engine(policy(standardFleet(), pool));
    Endpoint npu1 = engine.fleet().byName("npu-1");
    for (int i = 0; i < 4; i++) {
      engine.dispatched(npu1);
    }
    npu1.telemetry().reportLoad(0, 10, 0.95);
    assertThat(loadScore(engine.explain(request("x")), "npu-1")).isEqualTo(0.05);
    ticker.advance(Duration.ofSeconds(6));
    // The report is stale: the router falls back to what it sees itself (4 of 32 in flight).
    assertThat(loadScore(engine.explain(request("x")), "npu-1")).isEqualTo(0.875);
  }

  @Test
  void reportedQueueAtLimitSaturatesEndpoint() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint npu1 = engine.fleet().byName("npu-1");
    npu1.telemetry().reportLoad(npu1.spec().maxQueue(), 32, 0.5);
    Explanation x = engine.explain(request("x"));
    assertThat(x.candidates()).filteredOn(c -> c.endpoint().equals("npu-1")).singleElement()
        .satisfies(c -> {
          assertThat(c.removedBy()).isEqualTo("saturated");
          assertThat(c.detail()).isEqualTo("queue 128 >= maxQueue 128");
        });
  }

  @Test
  void reportedQueueGrowsWithWhatThisRouterSentSinceTheReport() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint npu1 = engine.fleet().byName("npu-1");
    npu1.telemetry().reportLoad(npu1.spec().maxQueue() - 2, 32, 0.5);
    assertThat(removedBy(engine.explain(request("x")), "npu-1")).isNull();

    engine.dispatched(npu1);
    engine.dispatched(npu1);

    Explanation x = engine.explain(request("x"));
    assertThat(x.candidates()).filteredOn(c -> c.endpoint().equals("npu-1")).singleElement()
        .satisfies(c -> {
          assertThat(c.removedBy()).isEqualTo("saturated");
          assertThat(c.detail()).isEqualTo(
              "queue 128 >= maxQueue 128 (reported 126, estimated with what was sent since)");
        });
  }

  @Test
  void aFullEndpointsReportMakesThisRoutersLaterRequestsWait() {
    // Another replica filled npu-1 (32 of 32 running, nothing queued yet): this router's own
    // count is 0, so only the report, brought forward by what it sends, shows the queue it causes.
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint npu1 = engine.fleet().byName("npu-1");
    npu1.telemetry().reportLoad(0, 32, 0.5);
    double before = predictedMs(engine.explain(request("x")), "npu-1");

    for (int i = 0; i < 3; i++) {
      engine.dispatched(npu1);
    }

    double after = predictedMs(engine.explain(request("x")), "npu-1");
    // 3 waiting × a 6.4 s service time (256 output tokens at 40 tokens/s) ÷ 32 slots.
    assertThat(after - before).isCloseTo(600, within(0.1));
    assertThat(loadScore(engine.explain(request("x")), "npu-1")).isEqualTo(0);
  }

  @Test
  void aDecisionReadsTheClockOnceHoweverManyCandidatesHaveReports() {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    try (RoutingEngine counted = RoutingEngine.create(policy(standardFleet(), latencyRoute(150)),
        () -> {
          reads.incrementAndGet();
          return ticker.read();
        })) {
      counted.fleet().endpoints().forEach(e -> e.telemetry().reportLoad(0, 1, 0.2));
      reads.set(0);

      placed(counted.decide(request(prompt(400, 3))));

      // 6 candidates with fresh reports; the breakers are closed and need no clock.
      assertThat(reads).hasValue(1);
    }
  }

  @Test
  void explanationIsJsonWithEveryCandidateAndItsFate() throws Exception {
    engine(policy(standardFleet(), latencyRoute(150).withRequiredHardware(Set.of("nvidia-gpu"))));
    Explanation x = engine.explain(request(prompt(400, 8)));
    JsonNode json = new ObjectMapper().readTree(x.toJson());
    assertThat(json.get("route").asText()).isEqualTo("chat");
    assertThat(json.get("outcome").asText()).isEqualTo("placed");
    assertThat(json.get("candidates")).hasSize(6);
    int removed = 0;
    for (JsonNode c : json.get("candidates")) {
      if (!c.get("removedBy").isNull()) {
        assertThat(c.get("removedBy").asText()).isEqualTo("hardware");
        removed++;
      } else {
        assertThat(c.get("scores").size()).isEqualTo(5);
        assertThat(c.get("predictedTtftMs").asDouble()).isPositive();
      }
    }
    assertThat(removed).isEqualTo(3);
    assertThat(x.toTable()).contains("decision: " + x.primary()).contains("hardware (has [npu]");
  }

  @Test
  void explainRecordsNothing() {
    engine(policy(standardFleet(), latencyRoute(150)));
    String p = prompt(1_000, 9);
    engine.explain(request(p));
    assertThat(engine.affinity().size()).isZero();
    engine.decide(request(p));
    assertThat(engine.affinity().size()).isPositive();
  }

  @Test
  void applyKeepsLiveStateForEndpointsThatStay() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint edge1 = engine.fleet().byName("edge-1");
    engine.dispatched(edge1);
    engine.apply(policy(standardFleet().subList(0, 1), latencyRoute(150)));
    Endpoint after = engine.fleet().byName("edge-1");
    assertThat(after.telemetry()).isSameAs(edge1.telemetry());
    assertThat(after.breaker()).isSameAs(edge1.breaker());
    assertThat(after.telemetry().inFlight()).isEqualTo(1);
    assertThat(engine.fleet().byName("edge-2")).isNull();
    assertThat(engine.fleet().size()).isEqualTo(1);
  }

  @Test
  void abandonedRequestReleasesItsSlotWithoutAnOutcome() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint e = engine.fleet().byName("npu-2");
    engine.dispatched(e);
    engine.abandoned(e);
    assertThat(e.telemetry().inFlight()).isZero();
    assertThat(e.telemetry().stats().requests()).isZero();
    assertThat(e.breaker().state()).isEqualTo(io.inferoute.breaker.BreakerState.CLOSED);
  }

  @Test
  void completionsFeedLatencyWindows() {
    engine(policy(standardFleet(), latencyRoute(150)));
    Endpoint e = engine.fleet().byName("npu-1");
    engine.dispatched(e);
    engine.completed(e, Completion.ofStatus(200, 40_000_000L, 1_040_000_000L, 101));
    engine.harvestNow();
    assertThat(e.telemetry().latency(LatencyMetric.TTFT).count()).isEqualTo(1);
    assertThat(e.telemetry().latency(LatencyMetric.END_TO_END).count()).isEqualTo(1);
    assertThat(e.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).p50Nanos())
        .isCloseTo(10_000_000L, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(e.telemetry().inFlight()).isZero();
  }

  private static List<io.inferoute.policy.EndpointSpec> largePool(int n) {
    List<io.inferoute.policy.EndpointSpec> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(io.inferoute.policy.EndpointSpec.builder("npu-" + i)
          .address("10.3." + (i / 250) + "." + (i % 250 + 1) + ":8000").tier("regional-npu")
          .locality("asia/osaka-b").models(MODEL).maxConcurrency(32).build());
    }
    return out;
  }

  @Test
  void largeFleetIsSampledYetFindsTheEndpointHoldingThePrefix() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED);
    engine(policy(largePool(600), pool));
    String system = prompt(3_000, 11);
    Placement first = placed(engine.decide(request(system + "first")));
    for (int i = 0; i < 30; i++) {
      Placement next = placed(engine.decide(request(system + " turn " + i)));
      assertThat(next.primary()).isSameAs(first.primary());
      assertThat(next.matchedBlocks()).isGreaterThanOrEqualTo(3_000 / 64);
    }
    Explanation x = engine.explain(request(system));
    assertThat(x.candidates()).hasSizeLessThanOrEqualTo(PlacementPipeline.MAX_SCORED);
  }

  @Test
  void sessionsAgreeAcrossReplicasInALargeFleet() {
    RouteSpec pool = RouteSpec.of("pool", RouteMatch.model(MODEL), Objective.BALANCED)
        .withAffinity(new AffinitySettings(64, 256, "x-session-id", 0.25));
    RoutingPolicy policy = policy(largePool(600), pool);
    try (RoutingEngine a = RoutingEngine.create(policy, ticker);
        RoutingEngine b = RoutingEngine.create(policy, ticker)) {
      for (int i = 0; i < 50; i++) {
        RoutingRequest r = request("hi").withHeaders(Headers.of(Map.of("x-session-id", "user-" + i)));
        assertThat(placed(b.decide(r)).primary().name()).isEqualTo(placed(a.decide(r)).primary().name());
      }
    }
  }

  private static double predictedMs(Explanation x, String endpoint) {
    return x.candidates().stream().filter(c -> c.endpoint().equals(endpoint)).findFirst()
        .orElseThrow().predictedTtftMs();
  }

  private static @org.jspecify.annotations.Nullable String removedBy(Explanation x,
      String endpoint) {
    return x.candidates().stream().filter(c -> c.endpoint().equals(endpoint)).findFirst()
        .orElseThrow().removedBy();
  }

  private static double loadScore(Explanation x, String endpoint) {
    return x.candidates().stream().filter(c -> c.endpoint().equals(endpoint)).findFirst()
        .orElseThrow().scores().get("load");
  }

  private static RoutingPolicy withBreaker(RoutingPolicy p, io.inferoute.policy.BreakerSettings b) {
    return new RoutingPolicy(p.name(), p.tiers(), p.rtt(), p.endpoints(), p.routes(),
        p.defaultRoute(), b, p.telemetry());
  }
}
