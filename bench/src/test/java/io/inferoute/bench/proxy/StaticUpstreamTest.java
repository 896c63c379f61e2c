package io.inferoute.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticUpstreamTest {
  private static final String CHAT =
      "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],\"max_tokens\":8}";

  private Vertx vertx;
  private StaticUpstream upstream;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = StaticUpstream.start(vertx, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void answersEveryChatCompletionWithTheSameJsonBody() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = send("POST", "/v1/chat/completions", CHAT);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo(StaticUpstream.COMPLETION_JSON);
    }
  }

  @Test
  void answersOtherPathsAndMethodsWith404() throws Exception {
    assertThat(send("POST", "/v1/completions", CHAT).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/chat/completions", null).statusCode()).isEqualTo(404);
  }

  @Test
  void completionIsValidOpenAiShapeNamingTheBenchModel() throws Exception {
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(StaticUpstream.COMPLETION_JSON);

    assertThat(tree.path("object").asText()).isEqualTo("chat.completion");
    assertThat(tree.path("model").asText()).isEqualTo(StaticUpstream.MODEL);
    assertThat(tree.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
    assertThat(tree.path("usage").path("total_tokens").asInt()).isEqualTo(11);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstream.port() + path))
        .header("content-type", "application/json")
        .method(method, publisher)
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
