package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.Objective;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.policy.RttTable;
import io.inferoute.policy.TelemetrySettings;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.sim.SimulatedEndpoint;
import io.inferoute.sim.SimulatedFleet;
import io.inferoute.sim.SimulatedServer;
import io.inferoute.testing.TestHttp;
import io.inferoute.time.Ticker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Simulated endpoints, an engine over them and a gateway in front, on 127.0.0.1, with a real
 * HTTP client. Closing checks the invariant every scenario must keep: once all is answered, no
 * request is active in the gateway and no endpoint slot is held.
 */
final class GatewayFixture implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  static final Locality CLIENT_SITE = Locality.parse("eu-west1/eu-west1-a");
  /** Tests speed simulated time up so a generation of hundreds of tokens takes milliseconds. */
  static final double SPEED_UP = 20;

  final SimulatedFleet fleet;
  final RoutingEngine engine;
  final HttpGateway gateway;
  final TestHttp http;
  final HttpClient client;

  private GatewayFixture(SimulatedFleet fleet, RoutingEngine engine, HttpGateway gateway) {
    this.fleet = fleet;
    this.engine = engine;
    this.gateway = gateway;
    this.http = new TestHttp(URI.create("http://127.0.0.1:" + gateway.port()), TIMEOUT);
    this.client = http.client;
  }

  /** A simulated endpoint serving model {@code m1}, fast. */
  static SimulatedEndpoint.Builder sim(String name) {
    return SimulatedEndpoint.builder(name).models("m1").speeds(200_000, 2_000).speedUp(SPEED_UP);
  }

  /**
   * Starts {@code sims}; the first is an edge endpoint at the client's site (the engine's first
   * choice), the others cloud endpoints far away, with {@code maxConcurrency} each.
   */
  static GatewayFixture start(List<SimulatedEndpoint> sims, int maxConcurrency, List<RouteSpec> routes,
      BreakerSettings breaker, UnaryOperator<HttpGatewaySettings.Builder> settings) {
    SimulatedFleet fleet = SimulatedFleet.start(sims);
    try {
      List<EndpointSpec> specs = new ArrayList<>();
      for (SimulatedServer s : fleet.servers()) {
        specs.add(spec(s.config().name(), s.port(), specs.isEmpty(), maxConcurrency,
            s.config().models().toArray(String[]::new)));
      }
      return start(fleet, specs, routes, breaker, settings);
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /** A gateway in front of one non-simulated edge endpoint serving {@code m1} on {@code port}. */
  static GatewayFixture inFrontOf(int port) {
    SimulatedFleet none = SimulatedFleet.start(List.of());
    return start(none, List.of(spec("edge", port, true, 64, "m1")), List.of(), BreakerSettings.DEFAULT,
        b -> b);
  }

  private static EndpointSpec spec(String name, int port, boolean edge, int maxConcurrency,
      String... models) {
    EndpointSpec.Builder b = EndpointSpec.builder(name).address("127.0.0.1:" + port).models(models)
        .maxConcurrency(maxConcurrency).speeds(200_000, 2_000);
    return edge
        ? b.tier("edge-gpu").locality(CLIENT_SITE.toString()).cost(0.1, 0.1, 0).build()
        : b.tier("cloud").locality("us-east1/us-east1-a").cost(5, 15, 0).build();
  }

  private static GatewayFixture start(SimulatedFleet fleet, List<EndpointSpec> specs,
      List<RouteSpec> routes, BreakerSettings breaker, UnaryOperator<HttpGatewaySettings.Builder> settings) {
    RoutingPolicy policy = new RoutingPolicy("http-test", RoutingPolicy.DEFAULT_TIERS,
        RttTable.DEFAULT, specs, routes, RouteSpec.of("default", RouteMatch.ANY, Objective.BALANCED),
        breaker, TelemetrySettings.DEFAULT);
    RoutingEngine engine = RoutingEngine.create(policy, Ticker.systemTicker());
    HttpGateway gateway = HttpGateway.start(engine, settings.apply(HttpGatewaySettings.builder()
        .host("127.0.0.1").port(0).eventLoops(2).defaultOrigin(CLIENT_SITE)).build());
    return new GatewayFixture(fleet, engine, gateway);
  }

  static GatewayFixture start(SimulatedEndpoint... sims) {
    return start(List.of(sims), 64, List.of(), BreakerSettings.DEFAULT, b -> b);
  }

  SimulatedServer server(String name) {
    return fleet.server(name);
  }

  URI uri(String path) {
    return http.uri(path);
  }

  HttpRequest.Builder post(String path, String body) {
    return http.post(path, body);
  }

  HttpResponse<String> send(HttpRequest request) {
    return http.send(request);
  }

  HttpResponse<String> postJson(String path, String body) {
    return http.postJson(path, body);
  }

  /**
   * Waits until {@code endpoint} has counted {@code n} completed requests. The client can read the
   * whole answer before the gateway's event loop has fed the engine (latency windows first, the
   * counter last), so a test that harvests telemetry waits for the counter first.
   */
  void awaitCompleted(String endpoint, long n) {
    var telemetry = engine.fleet().byName(endpoint).telemetry();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(telemetry.stats().requests()).as("completed requests at " + endpoint)
            .isGreaterThanOrEqualTo(n));
  }

  /** Waits until every request has ended and every endpoint slot is back. */
  void assertSettled() {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(gateway.activeRequests()).as("active requests").isZero();
      assertThat(gateway.endpointInFlight()).as("endpoint in-flight").isZero();
      assertThat(gateway.activeRetries()).as("active retries").isZero();
    });
    engine.fleet().endpoints().forEach(e ->
        assertThat(e.telemetry().releaseUnderflows()).as("double releases at " + e.name()).isZero());
  }

  @Override
  public void close() {
    try {
      assertSettled();
    } finally {
      try {
        gateway.close();
      } finally {
        engine.close();
        fleet.close();
      }
    }
  }

  static String chat(String model, int maxTokens, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"route me somewhere near\"}]}";
  }
}
