package io.inferoute.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.testing.FakeTicker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private Vertx vertx;
  private RoutingEngine engine;
  private PrometheusMeterRegistry registry;
  private EngineMetrics metrics;
  private AdminServer admin;

  private static RoutingPolicy policy(int endpoints) {
    List<EndpointSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < endpoints; i++) {
      specs.add(EndpointSpec.builder("ep-" + i).address("10.0.0." + (i + 1) + ":8000")
          .tier(i == 0 ? "edge-gpu" : "cloud").locality("eu/eu-a").models("m").build());
    }
    return RoutingPolicy.of("admin-test", specs, List.of());
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    engine = RoutingEngine.create(policy(2), new FakeTicker());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics = new EngineMetrics(engine, registry);
    engine.observeDecisions(metrics);
    admin = AdminServer.start(vertx, AdminSettings.defaults().withPort(0), engine, registry,
        () -> null, ready::get);
  }

  @AfterEach
  void stop() {
    admin.close();
    engine.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + admin.port() + path);
  }

  @Test
  void probesAnswerAndReadinessFollowsTheProcess() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    ready.set(true);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsFollowPrometheusNamingAndReflectDecisions() throws Exception {
    engine.decide(RoutingRequest.of("m", "hello", Locality.parse("eu/eu-a")));
    engine.decide(RoutingRequest.of("unknown-model", "hello", Locality.UNKNOWN));
    engine.dispatched(engine.fleet().byName("ep-0"));
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue(AdminServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(r.body())
        .contains("inferoute_decision_duration_seconds_bucket")
        .contains("inferoute_decisions_total{outcome=\"placed\",route=\"default\"} 1.0")
        .contains("inferoute_decisions_total{outcome=\"model_not_found\",route=\"default\"} 1.0")
        .contains("inferoute_endpoint_in_flight{endpoint=\"ep-0\",tier=\"edge-gpu\"} 1.0")
        .contains("inferoute_endpoint_breaker_state{endpoint=\"ep-1\",state=\"closed\",tier=\"cloud\"} 1.0")
        .contains("inferoute_affinity_lookups_total");
  }

  @Test
  void metricsFollowTheFleetAcrossReloads() throws Exception {
    assertThat(get("/metrics").body()).contains("endpoint=\"ep-1\"");
    engine.apply(policy(1));
    metrics.refresh();
    assertThat(get("/metrics").body()).doesNotContain("endpoint=\"ep-1\"").contains("endpoint=\"ep-0\"");
  }

  @Test
  void endpointsAndPolicyAreJson() throws Exception {
    engine.dispatched(engine.fleet().byName("ep-1"));
    JsonNode endpoints = JSON.readTree(get("/admin/endpoints").body());
    assertThat(endpoints).hasSize(2);
    assertThat(endpoints.get(1).get("name").asText()).isEqualTo("ep-1");
    assertThat(endpoints.get(1).get("inFlight").asInt()).isEqualTo(1);
    assertThat(endpoints.get(1).get("breaker").asText()).isEqualTo("closed");
    assertThat(endpoints.get(1).get("load").isNull()).isTrue(); // nothing reported yet
    JsonNode policy = JSON.readTree(get("/admin/policy").body());
    assertThat(policy.get("name").asText()).isEqualTo("admin-test");
    assertThat(policy.get("reload").isNull()).isTrue();
  }

  @Test
  void endpointsShowTheReportedLoadAndTheEstimateDecisionsUse() throws Exception {
    var ep = engine.fleet().byName("ep-1");
    ep.telemetry().reportLoad(2, 3, 0.5); // scraped: 2 waiting, 3 running, nothing of ours in flight
    engine.dispatched(ep);
    engine.dispatched(ep); // then this router sent two more

    JsonNode load = JSON.readTree(get("/admin/endpoints").body()).get(1).get("load");

    assertThat(load.get("queueDepth").asInt()).isEqualTo(2);
    assertThat(load.get("running").asInt()).isEqualTo(3);
    assertThat(load.get("kvCacheUsage").asDouble()).isEqualTo(0.5);
    assertThat(load.get("waitingNow").asInt()).isEqualTo(4);
    assertThat(load.get("outstandingNow").asInt()).isEqualTo(7);
  }

  @Test
  void placeExplainsADecisionWithoutSendingTraffic() throws Exception {
    HttpResponse<String> r = post("/v1/place",
        "{\"model\":\"m\",\"promptChars\":4000,\"origin\":\"eu/eu-a\",\"maxTokens\":64}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode x = JSON.readTree(r.body());
    assertThat(x.get("outcome").asText()).isEqualTo("placed");
    assertThat(x.get("candidates")).hasSize(2);
    assertThat(engine.fleet().byName("ep-0").telemetry().inFlight()).isZero();
  }

  @Test
  void badPlaceSpecsAreFourHundredsThatSayWhatIsWrong() throws Exception {
    HttpResponse<String> r = post("/v1/place", "{\"model\":\"m\",\"promt\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("promt: unknown field");
    assertThat(post("/v1/place", "not json").body()).contains("body: not JSON");
    assertThat(post("/v1/place", "{\"model\":\"m\",\"origin\":\"eu//x\"}").body())
        .contains("is not a locality");
    assertThat(get("/v1/place").statusCode()).isEqualTo(405);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(post("/v1/place", "{\"model\":\"" + "x".repeat(AdminServer.MAX_PLACE_BODY) + "\"}")
        .statusCode()).isEqualTo(413);
  }

  @Test
  void aTokenGuardsEverythingButTheProbes() throws Exception {
    AdminServer guarded = AdminServer.start(vertx, new AdminSettings("127.0.0.1", 0, "s3cret"),
        engine, registry, () -> null, () -> true);
    try {
      URI metrics = URI.create("http://127.0.0.1:" + guarded.port() + "/metrics");
      assertThat(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(401);
      assertThat(http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer wrong").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer s3cret").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.port() + "/healthz"))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    } finally {
      guarded.close();
    }
  }

  @Test
  void anExposedAdminServerNeedsAToken() {
    assertThatThrownBy(() -> new AdminSettings("0.0.0.0", 9090, null))
        .hasMessage("admin.host: 0.0.0.0 (expected: a loopback address, or a bearer token when the admin server is exposed)");
    assertThat(new AdminSettings("0.0.0.0", 9090, "t").bearerToken()).isEqualTo("t");
  }
}
