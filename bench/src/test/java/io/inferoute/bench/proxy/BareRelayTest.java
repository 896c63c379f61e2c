package io.inferoute.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bare relays (Vert.x and Netty) over real sockets on 127.0.0.1, in front of the benchmark's upstream. */
class BareRelayTest {
  private static final String CHAT =
      "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void relaysTheUpstreamsAnswerAndItsStatus() throws Exception {
    StaticUpstream upstream = StaticUpstream.start(vertx, 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    var loops = ConcurrentHashMap.<Thread>newKeySet();
    BareRelay.deploy(vertx, port, upstream.port(), 1, loops);

    for (int i = 0; i < 3; i++) { // one kept-alive upstream connection, reused
      HttpResponse<String> chat = send(port, "/v1/chat/completions", CHAT);
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.body()).isEqualTo(StaticUpstream.COMPLETION_JSON);
      assertThat(chat.headers().firstValue("content-type")).hasValue("application/json");
    }
    HttpResponse<String> other = send(port, "/v1/other", CHAT);
    assertThat(other.statusCode()).isEqualTo(404); // the upstream's status, not the relay's
    assertThat(new HashSet<>(loops)).hasSize(1);
  }

  @Test
  void anUpstreamThatIsNotThereIsA502() throws Exception {
    int port;
    int closed;
    try (ServerSocket probe = new ServerSocket(0); ServerSocket gone = new ServerSocket(0)) {
      port = probe.getLocalPort();
      closed = gone.getLocalPort();
    }
    BareRelay.deploy(vertx, port, closed, 1, ConcurrentHashMap.newKeySet());

    assertThat(send(port, "/v1/chat/completions", CHAT).statusCode()).isEqualTo(502);
  }

  @Test
  void theNettyRelayRelaysTheUpstreamsAnswerAndItsStatus() throws Exception {
    StaticUpstream upstream = StaticUpstream.start(vertx, 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (BareNettyRelay relay = BareNettyRelay.start(0, upstream.port(), 1)) {
      for (int i = 0; i < 3; i++) { // the paired upstream connection, kept alive
        HttpResponse<String> chat = send(relay.port(), "/v1/chat/completions", CHAT);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).isEqualTo(StaticUpstream.COMPLETION_JSON);
        assertThat(chat.headers().firstValue("content-type")).hasValue("application/json");
      }
      assertThat(send(relay.port(), "/v1/other", CHAT).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theNettyRelayAnswers502WhenTheUpstreamIsNotThere() throws Exception {
    int closed;
    try (ServerSocket gone = new ServerSocket(0)) {
      closed = gone.getLocalPort();
    }
    try (BareNettyRelay relay = BareNettyRelay.start(0, closed, 1)) {
      assertThat(send(relay.port(), "/v1/chat/completions", CHAT).statusCode()).isEqualTo(502);
    }
  }

  private HttpResponse<String> send(int port, String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
