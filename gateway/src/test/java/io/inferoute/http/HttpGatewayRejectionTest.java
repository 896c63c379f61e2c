package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.chat;
import static io.inferoute.http.GatewayFixture.json;
import static io.inferoute.http.GatewayFixture.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.Objective;
import io.inferoute.policy.Priority;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.routing.RejectReason;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HttpGatewayRejectionTest {
  static void assertOpenAiError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode error = json(r.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("type").asText()).isNotBlank();
    assertThat(error.has("param")).isTrue();
    assertThat(error.get("param").isNull()).isTrue();
  }

  @Test
  void answers400ToAMalformedBodyOrAMissingModel() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      HttpResponse<String> notJson = f.postJson("/v1/chat/completions", "{\"model\": ");
      HttpResponse<String> noModel = f.postJson("/v1/chat/completions", "{\"messages\":[]}");

      assertOpenAiError(notJson, 400, "invalid_request");
      assertOpenAiError(noModel, 400, "invalid_request");
      assertThat(noModel.headers().firstValue("x-inferoute-reject-reason")).hasValue("invalid_request");
      assertThat(f.gateway.stats().rejects(RejectReason.MALFORMED_REQUEST)).isEqualTo(2);
    }
  }

  @Test
  void answers404ToAnUnknownModel() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      assertOpenAiError(f.postJson("/v1/chat/completions", chat("nope", 3, false)), 404, "model_not_found");
    }
  }

  @Test
  void answers413ToABodyOverTheLimitWhetherDeclaredOrStreamed() {
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").build()), 64, List.of(),
        BreakerSettings.DEFAULT, b -> b.bodyLimitBytes(1_024))) {
      String big = "{\"model\":\"m1\",\"prompt\":\"" + "x".repeat(4_000) + "\"}";
      byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> declared = f.postJson("/v1/completions", big);
      // No content-length: the body arrives chunked and is refused at the chunk that crosses the limit.
      HttpResponse<String> chunked = f.send(HttpRequest.newBuilder(f.uri("/v1/completions"))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());

      assertOpenAiError(declared, 413, "request_too_large");
      assertOpenAiError(chunked, 413, "request_too_large");
      assertThat(f.gateway.stats().rejects(RejectReason.BODY_TOO_LARGE)).isEqualTo(2);
      assertThat(f.postJson("/v1/completions", "{\"model\":\"m1\",\"prompt\":\"short\",\"max_tokens\":2}")
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answers429WithRetryAfterWhenEveryCandidateIsSaturated() {
    // One slot; a stream of 100 tokens at 100 tokens/s holds it while the second request arrives.
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").speeds(200_000, 100).speedUp(1).build()), 1,
        List.of(), BreakerSettings.DEFAULT, b -> b.retryAfterSeconds(2))) {
      CompletableFuture<HttpResponse<String>> holder = f.client.sendAsync(
          f.post("/v1/chat/completions", chat("m1", 100, true)).build(), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.endpointInFlight() == 1);

      HttpResponse<String> shed = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertOpenAiError(shed, 429, "saturated");
      assertThat(shed.headers().firstValue("retry-after")).hasValue("2");
      assertThat(f.gateway.stats().rejects(RejectReason.SATURATED)).isEqualTo(1);
      assertThat(holder.join().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anInteractiveRequestWaitsBrieflyForASlotInsteadOfBeingShed() {
    RouteSpec interactive = RouteSpec.of("chat", RouteMatch.ANY, Objective.LATENCY)
        .withPriority(Priority.INTERACTIVE);
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").speeds(200_000, 100).speedUp(1).build()), 1,
        List.of(interactive), BreakerSettings.DEFAULT, b -> b.interactiveQueue(8, Duration.ofSeconds(5)))) {
      CompletableFuture<HttpResponse<String>> holder = f.client.sendAsync(
          f.post("/v1/chat/completions", chat("m1", 40, true)).build(), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.endpointInFlight() == 1);

      HttpResponse<String> waited = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertThat(waited.statusCode()).isEqualTo(200);
      assertThat(holder.join().statusCode()).isEqualTo(200);
      assertThat(f.gateway.stats().rejects(RejectReason.SATURATED)).isZero();
    }
  }

  @Test
  void shedsBatchBeforeInteractiveWhenNearlySaturated() {
    // Five slots; batch sees an endpoint as full at 80% of them, interactive only when all are taken.
    RouteSpec batch = new RouteSpec("batch", new RouteMatch(null, null, Map.of("x-workload", "batch")),
        Objective.COST, Objective.COST.defaultWeights(), null, java.util.Set.of(), java.util.Set.of(),
        List.of(), io.inferoute.policy.AffinitySettings.DEFAULT, null, Priority.BATCH, null,
        io.inferoute.policy.PlacementStrategy.INFEROUTE);
    RouteSpec interactive = RouteSpec.of("chat", RouteMatch.ANY, Objective.LATENCY)
        .withPriority(Priority.INTERACTIVE);
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").speeds(200_000, 100).speedUp(1).build()), 5,
        List.of(batch, interactive), BreakerSettings.DEFAULT, b -> b.interactiveQueue(0, Duration.ZERO))) {
      List<CompletableFuture<HttpResponse<String>>> holders = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        holders.add(f.client.sendAsync(f.post("/v1/chat/completions", chat("m1", 100, true)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.endpointInFlight() == 4);

      HttpResponse<String> batchRequest = f.send(f.post("/v1/chat/completions", chat("m1", 3, false))
          .header("x-workload", "batch").build());
      HttpResponse<String> interactiveRequest = f.postJson("/v1/chat/completions", chat("m1", 3, false));

      assertOpenAiError(batchRequest, 429, "saturated");
      assertThat(interactiveRequest.statusCode()).isEqualTo(200);
      holders.forEach(h -> assertThat(h.join().statusCode()).isEqualTo(200));
    }
  }
}
