package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.chat;
import static io.inferoute.http.GatewayFixture.sim;
import static io.inferoute.testing.TestHttp.json;
import static io.inferoute.testing.TestHttp.sseData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.RouteSpec;
import io.inferoute.sim.ErrorInjection;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpGatewayFailoverTest {
  /** Breakers that never eject, so every request meets the failing primary again. */
  static final BreakerSettings NEVER_EJECT = new BreakerSettings(0, 0, Duration.ofSeconds(10), 0, 20,
      Duration.ofSeconds(30), Duration.ofSeconds(300), 10, 1, 50);

  static GatewayFixture edgeAndCloud(ErrorInjection edgeFaults) {
    return GatewayFixture.start(List.of(sim("edge").errors(edgeFaults).build(), sim("cloud").build()),
        64, List.of(), BreakerSettings.DEFAULT, b -> b);
  }

  @Test
  void failsOverToTheNextEndpointWhenThePrimaryIsDown() throws Exception {
    try (GatewayFixture f = edgeAndCloud(ErrorInjection.NONE)) {
      f.server("edge").kill().get(5, TimeUnit.SECONDS);

      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, true));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-inferoute-tier")).hasValue("cloud");
      assertThat(sseData(r.body())).last().isEqualTo("[DONE]");
      HttpGatewayStats stats = f.gateway.stats();
      assertThat(stats.retries()).isEqualTo(1);
      assertThat(stats.upstreamFailures()).isEqualTo(1);
      assertThat(f.engine.fleet().byName("edge").telemetry().stats().failures()).isEqualTo(1);
    }
  }

  @Test
  void failsOverWhenThePrimaryAnswers5xx() {
    try (GatewayFixture f = edgeAndCloud(ErrorInjection.serverErrors(1))) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-inferoute-tier")).hasValue("cloud");
      assertThat(f.gateway.stats().retries()).isEqualTo(1);
      assertThat(f.engine.fleet().byName("edge").telemetry().stats().failures()).isEqualTo(1);
    }
  }

  @Test
  void failsOverWhenThePrimaryResetsBeforeResponding() {
    try (GatewayFixture f = edgeAndCloud(ErrorInjection.resetsBeforeResponse(1))) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, true));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-inferoute-tier")).hasValue("cloud");
      assertThat(f.gateway.stats().retries()).isEqualTo(1);
    }
  }

  @Test
  void answers502WhenEveryAttemptFails() {
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").errors(ErrorInjection.resetsBeforeResponse(1)).build(),
        sim("cloud").errors(ErrorInjection.resetsBeforeResponse(1)).build()), 64, List.of(), NEVER_EJECT, b -> b)) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_unavailable");
      assertThat(f.gateway.stats().upstreamFailures()).isEqualTo(2);
      assertThat(f.gateway.stats().rejects(io.inferoute.routing.RejectReason.UPSTREAM_UNAVAILABLE))
          .isEqualTo(1);
    }
  }

  @Test
  void answers429WithRetryAfterWhenTheOnlyAnswerWasBusyAndTheFallbackIsFull() throws Exception {
    // One slot and no queue per simulator; the policy allows one request in flight per endpoint.
    // A round-robin route (no saturation filter) sends a slow stream to one simulator, a direct
    // request holds the other: the next request goes to the held one first (429), and its
    // fallback is at its limit, so no endpoint could take it. Busy, not broken: 429, not 502.
    RouteSpec roundRobin = RouteSpec.of("rr", io.inferoute.policy.RouteMatch.ANY,
        io.inferoute.policy.Objective.LATENCY)
        .withStrategy(io.inferoute.policy.PlacementStrategy.ROUND_ROBIN);
    try (GatewayFixture f = GatewayFixture.start(List.of(
        sim("edge").maxConcurrency(1).maxQueue(0).speeds(100_000, 1).build(),
        sim("cloud").maxConcurrency(1).maxQueue(0).speeds(100_000, 1).build()),
        1, List.of(roundRobin), NEVER_EJECT, b -> b)) {
      HttpResponse<java.io.InputStream> viaGateway = f.client.send(
          f.post("/v1/chat/completions", chat("m1", 30, true)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(viaGateway.statusCode()).isEqualTo(200);
      String busy = viaGateway.headers().firstValue("x-sim-endpoint").orElseThrow();
      io.inferoute.sim.SimulatedServer other = f.fleet.servers().stream()
          .filter(s -> !s.config().name().equals(busy)).findFirst().orElseThrow();
      HttpResponse<java.io.InputStream> direct = f.client.send(java.net.http.HttpRequest.newBuilder(
              other.baseUri().resolve("/v1/chat/completions"))
          .header("content-type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("m1", 30, true))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(direct.statusCode()).isEqualTo(200);

      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after")).isPresent();
      assertThat(r.headers().firstValue("x-inferoute-reject-reason")).hasValue("saturated");
      assertThat(json(r.body()).at("/error/message").asText())
          .startsWith("every endpoint tried is busy: " + other.config().name() + " answered 429");
      viaGateway.body().close();
      direct.body().close();
    }
  }

  @Test
  void relaysTheLast5xxWhenNoRetryIsLeft() {
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").errors(ErrorInjection.serverErrors(1)).build()),
        64, List.of(), NEVER_EJECT, b -> b)) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("simulated_failure");
      assertThat(f.gateway.stats().retries()).isZero();
    }
  }

  @Test
  void endsAStreamThatBreaksMidWayWithAnSseErrorEventAndNeverRetries() {
    try (GatewayFixture f = edgeAndCloud(ErrorInjection.resetsMidResponse(1))) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 20, true));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-inferoute-tier")).hasValue("edge-gpu");
      List<String> data = sseData(r.body());
      assertThat(data).hasSizeGreaterThan(1);
      assertThat(data.subList(0, data.size() - 1)).allSatisfy(d -> assertThat(json(d).has("choices")).isTrue());
      assertThat(json(data.get(data.size() - 1)).at("/error/code").asText()).isEqualTo("upstream_stream_broken");
      assertThat(r.body()).endsWith("\n\n").doesNotContain("[DONE]");
      HttpGatewayStats stats = f.gateway.stats();
      assertThat(stats.retries()).isZero();
      assertThat(stats.streamErrors()).isEqualTo(1);
    }
  }

  @Test
  void cutsTheConnectionWhenANonStreamedBodyBreaksMidWay() {
    try (GatewayFixture f = edgeAndCloud(ErrorInjection.resetsMidResponse(1))) {
      assertThatThrownBy(() -> f.postJson("/v1/chat/completions", chat("m1", 20, false)))
          .isInstanceOf(UncheckedIOException.class);

      assertThat(f.gateway.stats().retries()).isZero();
      assertThat(f.gateway.stats().streamErrors()).isEqualTo(1);
    }
  }

  @Test
  void answers504WhenTheRouteDeadlinePassesBeforeAnyByte() {
    RouteSpec route = withTimeout(Duration.ofMillis(300));
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").errors(ErrorInjection.hangs(1)).build()),
        64, List.of(route), BreakerSettings.DEFAULT, b -> b)) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(r.statusCode()).isEqualTo(504);
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
      assertThat(f.gateway.stats().upstreamTimeouts()).isEqualTo(1);
      assertThat(f.engine.fleet().byName("edge").telemetry().stats().failures()).isEqualTo(1);
    }
  }

  @Test
  void endsAStreamWithATimeoutEventWhenTheDeadlinePassesMidStream() {
    RouteSpec route = withTimeout(Duration.ofMillis(300));
    // 2,000 tokens at 100 tokens/s (× 20) take a second: the deadline falls mid-stream.
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").speeds(200_000, 100).build()),
        64, List.of(route), BreakerSettings.DEFAULT, b -> b)) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 2_000, true));

      assertThat(r.statusCode()).isEqualTo(200);
      List<String> data = sseData(r.body());
      assertThat(json(data.get(data.size() - 1)).at("/error/code").asText()).isEqualTo("upstream_timeout");
    }
  }

  @Test
  void theRetryBudgetKeepsAFailingTierFromRetryingEveryRequest() throws Exception {
    // The edge answers 500 at once; the cloud hangs, so every granted retry stays active until the
    // route's deadline. 40 requests at once: at most max(3, 20% of 40) = 8 retries may run.
    RouteSpec route = withTimeout(Duration.ofMillis(1_500));
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").errors(ErrorInjection.serverErrors(1)).build(),
        sim("cloud").errors(ErrorInjection.hangs(1)).build()), 64, List.of(route), NEVER_EJECT, b -> b)) {
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(f.client.sendAsync(f.post("/v1/chat/completions", chat("m1", 3, false)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

      HttpGatewayStats stats = f.gateway.stats();
      assertThat(stats.retries()).isBetween(1L, 8L);
      assertThat(stats.retries() + stats.retriesDenied()).isEqualTo(40);
      long timedOut = all.stream().filter(r -> r.join().statusCode() == 504).count();
      long relayed500 = all.stream().filter(r -> r.join().statusCode() == 500).count();
      assertThat(timedOut).isEqualTo(stats.retries());
      assertThat(relayed500).isEqualTo(stats.retriesDenied());
    }
  }

  static RouteSpec withTimeout(Duration timeout) {
    RouteSpec base = RouteSpec.of("timed", io.inferoute.policy.RouteMatch.model("m1"),
        io.inferoute.policy.Objective.BALANCED);
    return new RouteSpec(base.name(), base.match(), base.objective(), base.weights(), null,
        base.allowedRegions(), base.requiredHardware(), base.fallbackTiers(), base.affinity(), null,
        base.priority(), timeout, base.strategy());
  }
}
