package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.chat;
import static io.inferoute.http.GatewayFixture.sim;
import static io.inferoute.testing.TestHttp.json;
import static io.inferoute.testing.TestHttp.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.telemetry.LatencyMetric;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpGatewayStreamingTest {
  @Test
  void relaysAStreamedChatCompletionEventByEventAndRecordsItsUsage() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 12, true));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(r.headers().firstValue("x-inferoute-decision")).isPresent();
      assertThat(r.headers().firstValue("x-inferoute-tier")).hasValue("edge-gpu");
      List<String> data = sseData(r.body());
      assertThat(data).last().isEqualTo("[DONE]");
      long deltas = data.stream().filter(d -> d.contains("\"delta\":{") && d.contains("content")).count();
      assertThat(deltas).isEqualTo(12);
      assertThat(json(data.get(data.size() - 2)).at("/usage/completion_tokens").asInt()).isEqualTo(12);
      Endpoint edge = f.engine.fleet().byName("edge");
      f.awaitCompleted("edge", 1);
      f.engine.harvestNow();
      assertThat(edge.telemetry().latency(LatencyMetric.TTFT).count()).isEqualTo(1);
      // Time per output token is recorded only when the usage tail gave more than one token.
      assertThat(edge.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).count()).isEqualTo(1);
      assertThat(f.gateway.stats().responses(2)).isEqualTo(1);
    }
  }

  @Test
  void answersANonStreamedChatCompletionWithItsJsonBody() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      HttpResponse<String> r = f.postJson("/v1/chat/completions", chat("m1", 5, false));

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r.body());
      assertThat(body.at("/object").asText()).isEqualTo("chat.completion");
      assertThat(body.at("/choices/0/message/content").asText().split(" ")).hasSize(5);
      assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(5);
      assertThat(r.headers().firstValue("content-length")).hasValue(Integer.toString(r.body().length()));
      f.awaitCompleted("edge", 1);
      f.engine.harvestNow();
      assertThat(f.engine.fleet().byName("edge").telemetry()
          .latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).count()).isEqualTo(1);
    }
  }

  @Test
  void forwardsTextCompletionsAndOtherPaths() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      HttpResponse<String> completion = f.postJson("/v1/completions",
          "{\"model\":\"m1\",\"prompt\":\"once upon a time\",\"max_tokens\":3}");
      // The simulator serves no embeddings: its own 404 comes back through the gateway.
      HttpResponse<String> embeddings = f.postJson("/v1/embeddings", "{\"model\":\"m1\",\"input\":\"x\"}");

      assertThat(completion.statusCode()).isEqualTo(200);
      assertThat(json(completion.body()).at("/object").asText()).isEqualTo("text_completion");
      assertThat(embeddings.statusCode()).isEqualTo(404);
      assertThat(json(embeddings.body()).at("/error/code").asText()).isEqualTo("not_found");
      assertThat(embeddings.headers().firstValue("x-inferoute-tier")).hasValue("edge-gpu");
    }
  }

  @Test
  void listsTheFleetsModelsInOpenAiFormat() {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build(),
        sim("cloud").models("m1", "m2").build())) {
      HttpResponse<String> r = f.send(HttpRequest.newBuilder(f.uri("/v1/models")).GET().build());

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r.body());
      assertThat(body.at("/object").asText()).isEqualTo("list");
      assertThat(body.at("/data/0/id").asText()).isEqualTo("m1");
      assertThat(body.at("/data/1/id").asText()).isEqualTo("m2");
      assertThat(body.at("/data/1/object").asText()).isEqualTo("model");
    }
  }

  @Test
  void speaksH2cToClientsAndToEndpoints() throws Exception {
    try (GatewayFixture f = GatewayFixture.start(List.of(sim("edge").build()), 64, List.of(),
        io.inferoute.policy.BreakerSettings.DEFAULT, b -> b.upstreamHttp2(true))) {
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      HttpResponse<String> r = h2.send(f.post("/v1/chat/completions", chat("m1", 4, true)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(sseData(r.body())).last().isEqualTo("[DONE]");
    }
  }

  @Test
  void stripsReservedClientHeadersAndTellsTheUpstreamItsDecision() throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicReference<MultiMap> received = new AtomicReference<>();
    HttpServer echo = vertx.createHttpServer().requestHandler(req -> {
      received.set(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
      req.body().onSuccess(b -> req.response().putHeader("content-type", "application/json")
          .putHeader("x-inferoute-tier", "spoofed-by-upstream").end("{\"ok\":true}"));
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try (GatewayFixture f = GatewayFixture.inFrontOf(echo.actualPort())) {
      HttpResponse<String> r = f.send(f.post("/v1/chat/completions", chat("m1", 1, false))
          .header("authorization", "Bearer sk-test")
          .header("x-inferoute-tier", "cloud")
          .header("X-Inferoute-Debug", "1")
          .header("x-gateway-destination-endpoint", "10.0.0.1:80")
          .header("x-gateway-destination-endpoint-subset", "10.0.0.1:80")
          .build());

      assertThat(r.statusCode()).isEqualTo(200);
      MultiMap upstream = received.get();
      assertThat(upstream.get("authorization")).isEqualTo("Bearer sk-test");
      assertThat(upstream.getAll("x-inferoute-tier")).containsExactly("edge-gpu");
      assertThat(upstream.get("x-inferoute-decision")).isNotBlank()
          .isEqualTo(r.headers().firstValue("x-inferoute-decision").orElseThrow());
      assertThat(upstream.names()).noneMatch(n -> n.equalsIgnoreCase("x-inferoute-debug")
          || n.toLowerCase(java.util.Locale.ROOT).startsWith("x-gateway-destination-endpoint"));
      assertThat(r.headers().allValues("x-inferoute-tier")).containsExactly("edge-gpu");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
