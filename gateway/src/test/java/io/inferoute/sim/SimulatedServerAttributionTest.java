package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RttTable;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a simulated server tells a client behind a router: who served, the cache hit, the RTT. */
class SimulatedServerAttributionTest {
  private SimulatedFleet fleet;

  @AfterEach
  void stopFleet() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private SimulatedServer start(UnaryOperator<SimulatedEndpoint.Builder> config) {
    SimulatedEndpoint endpoint = config.apply(SimulatedEndpoint.builder("edge-paris-1")
        .models("m1").speeds(100_000, 2_000).speedUp(1)).build();
    fleet = SimulatedFleet.start(List.of(endpoint));
    return fleet.server("edge-paris-1");
  }

  @Test
  void namesTheEndpointOnStreamedWholeAndErrorAnswers() {
    SimulatedServer server = start(b -> b);
    SimHttp http = new SimHttp(server);

    HttpResponse<String> streamed = http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, true));
    HttpResponse<String> whole = http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, false));
    HttpResponse<String> unknownModel = http.postJson("/v1/chat/completions",
        "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
    server.setErrors(ErrorInjection.serverErrors(1));
    HttpResponse<String> failed = http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, true));

    for (HttpResponse<String> r : List.of(streamed, whole, unknownModel, failed)) {
      assertThat(r.headers().firstValue(SimulatedServer.ENDPOINT_HEADER)).hasValue("edge-paris-1");
    }
    assertThat(List.of(streamed.statusCode(), whole.statusCode(), unknownModel.statusCode(),
        failed.statusCode())).containsExactly(200, 200, 404, 500);
  }

  @Test
  void streamedUsageCountsThePromptTokensFoundInTheCache() {
    SimHttp http = new SimHttp(start(b -> b));
    String prompt = "You are a helpful assistant. ".repeat(40);

    JsonNode cold = lastUsage(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 2, true)));
    JsonNode warm = lastUsage(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 2, true)));

    assertThat(cold.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
    int promptTokens = warm.path("prompt_tokens").asInt();
    // Whole 64-character blocks of "user\n" + prompt + "\n" are cached, 16 tokens each.
    assertThat(warm.at("/prompt_tokens_details/cached_tokens").asInt())
        .isEqualTo(promptTokens * 4 / 64 * 16).isPositive();
  }

  @Test
  void clearingTheCacheMakesTheNextRepeatColdWhileTheServerKeepsListening() throws Exception {
    SimulatedServer server = start(b -> b);
    SimHttp http = new SimHttp(server);
    String prompt = "You are a helpful assistant. ".repeat(40);
    http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 2, true));

    server.clearCache().get(10, java.util.concurrent.TimeUnit.SECONDS);
    JsonNode after = lastUsage(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 2, true)));

    assertThat(after.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
  }

  @Test
  void aFarOriginWaitsForTheRemoteRoundTripBeforeTheFirstToken() {
    RttTable rtt = new RttTable(Duration.ZERO, Duration.ZERO, Duration.ofMillis(400));
    SimulatedServer server = start(b -> b.locality(Locality.parse("eu-west/paris"), rtt));
    SimHttp http = new SimHttp(server);

    long nearStart = System.nanoTime();
    http.send(withOrigin(http, "eu-west/paris"));
    long nearNanos = System.nanoTime() - nearStart;
    long farStart = System.nanoTime();
    HttpResponse<String> far = http.send(withOrigin(http, "us-east/virginia"));
    long farNanos = System.nanoTime() - farStart;

    assertThat(far.statusCode()).isEqualTo(200);
    // Timers never fire early: the remote answer took at least its round trip.
    assertThat(farNanos).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
    assertThat(nearNanos).isLessThan(farNanos);
  }

  private static HttpRequest withOrigin(SimHttp http, String origin) {
    return HttpRequest.newBuilder(http.base.resolve("/v1/chat/completions")).timeout(SimHttp.TIMEOUT)
        .header("content-type", "application/json")
        .header(SimulatedEndpoint.ORIGIN_HEADER, origin)
        .POST(HttpRequest.BodyPublishers.ofString(SimHttp.chat("hi", 1, false))).build();
  }

  private static JsonNode lastUsage(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = SimHttp.sseData(response.body());
    return SimHttp.json(data.get(data.size() - 2)).path("usage");
  }
}
