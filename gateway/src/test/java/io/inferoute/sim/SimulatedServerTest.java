package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.scrape.MetricType;
import io.inferoute.scrape.ParsedMetrics;
import io.inferoute.scrape.PrometheusTextParser;
import io.inferoute.scrape.Sample;
import io.inferoute.testing.TestHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedServerTest {
  private SimulatedFleet fleet;

  @AfterEach
  void stopFleet() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private SimulatedServer start(UnaryOperator<SimulatedEndpoint.Builder> config) {
    SimulatedEndpoint endpoint = config.apply(SimulatedEndpoint.builder("sim").models("m1", "m2")
        .speeds(100_000, 2_000).speedUp(10)).build();
    fleet = SimulatedFleet.start(List.of(endpoint));
    return fleet.server("sim");
  }

  @Test
  void streamsChatCompletionChunksThenUsageThenDone() {
    TestHttp http = SimHttp.to(start(b -> b));

    HttpResponse<String> response = http.postJson("/v1/chat/completions", SimHttp.chat("hello there", 5, true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> data = TestHttp.sseData(response.body());
    assertThat(data).hasSize(5 + 3).last().isEqualTo("[DONE]");
    JsonNode first = TestHttp.json(data.get(0));
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("model").asText()).isEqualTo("m1");
    assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(first.path("usage").isNull()).isTrue();
    StringBuilder text = new StringBuilder();
    for (String chunk : data.subList(0, 5)) {
      text.append(TestHttp.json(chunk).at("/choices/0/delta/content").asText());
    }
    assertThat(text.toString().trim().split(" ")).hasSize(5);
    assertThat(TestHttp.json(data.get(5)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    JsonNode usage = TestHttp.json(data.get(6));
    assertThat(usage.path("choices")).isEmpty();
    // "user\nhello there\n" is 17 characters: 5 tokens at 4 characters each.
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(10);
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageChunk() {
    TestHttp http = SimHttp.to(start(b -> b));

    HttpResponse<String> response = http.postJson("/v1/completions",
        "{\"model\":\"m2\",\"prompt\":\"abc\",\"max_tokens\":3,\"stream\":true}");

    List<String> data = TestHttp.sseData(response.body());
    assertThat(data).hasSize(3 + 2).last().isEqualTo("[DONE]");
    assertThat(data.subList(0, 4)).allSatisfy(chunk -> {
      assertThat(TestHttp.json(chunk).path("object").asText()).isEqualTo("text_completion");
      assertThat(TestHttp.json(chunk).has("usage")).isFalse();
    });
  }

  @Test
  void answersNonStreamingChatAndCompletionsWithUsage() {
    TestHttp http = SimHttp.to(start(b -> b));
    String prompt = "x".repeat(95);

    JsonNode chat = TestHttp.json(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 7, false)).body());
    JsonNode completion = TestHttp.json(http.postJson("/v1/completions",
        "{\"model\":\"m1\",\"prompt\":\"" + prompt + "\"}").body());

    assertThat(chat.path("object").asText()).isEqualTo("chat.completion");
    assertThat(chat.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(chat.at("/choices/0/message/content").asText().trim().split(" ")).hasSize(7);
    assertThat(chat.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    // "user\n" + 95 + "\n" = 101 characters: 26 tokens.
    assertThat(chat.at("/usage/prompt_tokens").asInt()).isEqualTo(26);
    assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(7);
    assertThat(chat.at("/usage/total_tokens").asInt()).isEqualTo(33);
    assertThat(completion.path("object").asText()).isEqualTo("text_completion");
    assertThat(completion.at("/usage/prompt_tokens").asInt()).isEqualTo(24);
    assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(SimulatedEndpoint.DEFAULT_MAX_TOKENS);
    assertThat(completion.at("/choices/0/text").asText().trim().split(" "))
        .hasSize(SimulatedEndpoint.DEFAULT_MAX_TOKENS);
  }

  @Test
  void sameRequestGivesSameText() {
    TestHttp http = SimHttp.to(start(b -> b));

    String a = TestHttp.json(http.postJson("/v1/chat/completions", SimHttp.chat("same", 6, false)).body())
        .at("/choices/0/message/content").asText();
    String b = TestHttp.json(http.postJson("/v1/chat/completions", SimHttp.chat("same", 6, false)).body())
        .at("/choices/0/message/content").asText();

    assertThat(a).isEqualTo(b);
  }

  @Test
  void listsModelsAndAnswersErrorsAsOpenAiJson() {
    TestHttp http = SimHttp.to(start(b -> b));

    JsonNode models = TestHttp.json(http.get("/v1/models").body());
    HttpResponse<String> unknownPath = http.get("/v1/nothing");
    HttpResponse<String> unknownModel = http.postJson("/v1/completions", "{\"model\":\"zz\",\"prompt\":\"a\"}");
    HttpResponse<String> badJson = http.postJson("/v1/completions", "{\"model\":");
    HttpResponse<String> badTokens = http.postJson("/v1/completions", "{\"model\":\"m1\",\"prompt\":\"a\",\"max_tokens\":0}");

    assertThat(models.path("data")).extracting(m -> m.path("id").asText()).containsExactlyInAnyOrder("m1", "m2");
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(unknownPath.body()).at("/error/code").asText()).isEqualTo("not_found");
    assertThat(unknownModel.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(unknownModel.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(badJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(badTokens.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(badTokens.body()).at("/error/message").asText())
        .isEqualTo("max_tokens: 0 (expected: an integer >= 1)");
  }

  @Test
  void secondRequestWithTheSamePrefixReusesTheCacheAndIsFaster() {
    // 4096 characters = 1024 tokens; at 4000 tokens/s and speedUp 2 the cold prefill takes ~128 ms.
    TestHttp http = SimHttp.to(start(b -> b.speeds(4_000, 2_000).speedUp(2)));
    String prompt = "You are a helpful assistant. ".repeat(200);

    long coldStart = System.nanoTime();
    JsonNode cold = TestHttp.json(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 1, false)).body());
    long coldNanos = System.nanoTime() - coldStart;
    long warmStart = System.nanoTime();
    JsonNode warm = TestHttp.json(http.postJson("/v1/chat/completions", SimHttp.chat(prompt, 1, false)).body());
    long warmNanos = System.nanoTime() - warmStart;

    int promptTokens = cold.at("/usage/prompt_tokens").asInt();
    assertThat(cold.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isZero();
    int cachedTokens = warm.at("/usage/prompt_tokens_details/cached_tokens").asInt();
    assertThat(cachedTokens).isEqualTo((promptTokens * 4 / 64) * 16);
    assertThat(warmNanos).isLessThan(coldNanos);
    ParsedMetrics metrics = PrometheusTextParser.create().parse(http.get("/metrics").body());
    assertThat(value(metrics, "vllm:prefix_cache_hits_total")).isEqualTo(cachedTokens);
    assertThat(value(metrics, "vllm:prefix_cache_queries_total")).isEqualTo(2.0 * promptTokens);
  }

  @Test
  void refusesWith429WhenSlotsAndQueueAreFull() {
    // One slot, one queue place; each request decodes 20 tokens at 20 tokens/s = 1 s.
    TestHttp http = SimHttp.to(start(b -> b.maxConcurrency(1).maxQueue(1).speeds(100_000, 20).speedUp(1)));

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(http.postAsync("/v1/chat/completions", SimHttp.chat("q" + i, 20, false)));
    }

    List<Integer> statuses = calls.stream().map(c -> c.orTimeout(10, TimeUnit.SECONDS).join().statusCode()).toList();
    assertThat(statuses).containsExactlyInAnyOrder(200, 200, 429);
    HttpResponse<String> rejected = calls.stream().map(CompletableFuture::join)
        .filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertThat(TestHttp.json(rejected.body()).at("/error/code").asText()).isEqualTo("queue_full");
  }

  @Test
  void injectsServerErrorsUntilTurnedOff() {
    SimulatedServer server = start(b -> b.errors(ErrorInjection.serverErrors(1)));
    TestHttp http = SimHttp.to(server);

    HttpResponse<String> failed = http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, false));
    server.setErrors(ErrorInjection.NONE);
    HttpResponse<String> ok = http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, false));

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(TestHttp.json(failed.body()).at("/error/code").asText()).isEqualTo("simulated_failure");
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void resetsBeforeTheResponse() {
    SimulatedServer server = start(b -> b);
    server.setErrors(ErrorInjection.resetsBeforeResponse(1));
    TestHttp http = SimHttp.to(server);

    assertThatThrownBy(() -> http.postJson("/v1/chat/completions", SimHttp.chat("a", 2, false)))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(http.get("/v1/models").statusCode()).isEqualTo(200);
  }

  @Test
  void resetsInTheMiddleOfAStream() throws Exception {
    SimulatedServer server = start(b -> b.speeds(100_000, 200));
    server.setErrors(ErrorInjection.resetsMidResponse(1));
    TestHttp http = SimHttp.to(server);

    HttpResponse<InputStream> response = http.client.send(
        http.post("/v1/chat/completions", SimHttp.chat("a", 20, true)).build(), HttpResponse.BodyHandlers.ofInputStream());
    List<String> lines = new ArrayList<>();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      }
    }).isInstanceOf(IOException.class);
    // The 200 above shows the reset came after the response began. How many events the client
    // read first depends on timing: a TCP reset discards what the client had not read yet.
    assertThat(TestHttp.sseData(String.join("\n", lines))).hasSizeLessThan(20).doesNotContain("[DONE]");
  }

  @Test
  void hangsUntilTheClientGivesUp() {
    SimulatedServer server = start(b -> b.errors(ErrorInjection.hangs(1)));
    TestHttp http = SimHttp.to(server);
    HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("/v1/completions"))
        .timeout(Duration.ofMillis(300)).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m1\",\"prompt\":\"a\"}"))
        .build();

    assertThatThrownBy(() -> http.client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void killStopsListeningAndReviveListensOnTheSamePort() throws Exception {
    SimulatedServer server = start(b -> b);
    int port = server.port();
    TestHttp http = SimHttp.to(server);
    assertThat(http.get("/v1/models").statusCode()).isEqualTo(200);

    server.kill().get(10, TimeUnit.SECONDS);
    HttpClient fresh = HttpClient.newHttpClient();
    HttpRequest models = HttpRequest.newBuilder(server.baseUri().resolve("/v1/models")).build();
    assertThatThrownBy(() -> fresh.send(models, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);

    server.revive().get(10, TimeUnit.SECONDS);
    assertThat(server.port()).isEqualTo(port);
    assertThat(fresh.send(models, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void exposesVllmMetricsInPrometheusTextFormat() {
    TestHttp http = SimHttp.to(start(b -> b.kvCacheBlocks(100)));
    http.postJson("/v1/chat/completions", SimHttp.chat("y".repeat(640), 2, false));

    HttpResponse<String> response = http.get("/metrics");
    ParsedMetrics metrics = PrometheusTextParser.create().parse(response.body());

    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.type("vllm:num_requests_running")).isEqualTo(MetricType.GAUGE);
    assertThat(metrics.type("vllm:num_requests_waiting")).isEqualTo(MetricType.GAUGE);
    assertThat(metrics.type("vllm:kv_cache_usage_perc")).isEqualTo(MetricType.GAUGE);
    assertThat(metrics.type("vllm:prefix_cache_hits_total")).isEqualTo(MetricType.COUNTER);
    assertThat(metrics.type("vllm:prefix_cache_queries_total")).isEqualTo(MetricType.COUNTER);
    assertThat(metrics.type("vllm:time_to_first_token_seconds")).isEqualTo(MetricType.HISTOGRAM);
    assertThat(metrics.samples("vllm:num_requests_running").get(0).label("model_name")).isEqualTo("m1");
    assertThat(value(metrics, "vllm:num_requests_running")).isZero();
    assertThat(value(metrics, "vllm:num_requests_waiting")).isZero();
    // 646 characters hold 10 whole blocks of 64: 10 of 100.
    assertThat(value(metrics, "vllm:kv_cache_usage_perc")).isEqualTo(0.1);
    assertThat(value(metrics, "vllm:time_to_first_token_seconds_count")).isEqualTo(1);
    List<Sample> buckets = metrics.samples("vllm:time_to_first_token_seconds_bucket");
    assertThat(buckets).extracting(Sample::value).isSorted();
    assertThat(buckets.get(buckets.size() - 1).label("le")).isEqualTo("+Inf");
    assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(1);
  }

  @Test
  void speaksH2cToAnHttp2Client() throws Exception {
    SimulatedServer server = start(b -> b);
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    HttpResponse<String> first = h2.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/models")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stream = h2.send(SimHttp.to(server).post("/v1/chat/completions", SimHttp.chat("h2", 3, true)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(TestHttp.sseData(stream.body())).last().isEqualTo("[DONE]");
  }

  static double value(ParsedMetrics metrics, String name) {
    return metrics.samples(name).get(0).value();
  }
}
