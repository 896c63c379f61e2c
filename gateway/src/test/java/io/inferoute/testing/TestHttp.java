package io.inferoute.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.NullMarked;

/**
 * A real HTTP/1.1 client bound to one base address, with the JSON and server-sent-event readers the
 * gateway's and the simulators' HTTP tests share.
 */
@NullMarked
public final class TestHttp {
  /** The mapper the readers use; tests may use it to build bodies. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** The underlying client, for tests that need another body handler or an asynchronous send. */
  public final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  /** Where requests go, e.g. {@code http://127.0.0.1:8080}. */
  public final URI base;
  /** The timeout of each request this helper builds. */
  public final Duration timeout;

  /** A client for {@code base} whose requests time out after {@code timeout}. */
  public TestHttp(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /** {@code path} (absolute, e.g. {@code /v1/models}) against the base address. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  /** A JSON {@code POST} of {@code body} to {@code path}, to finish or to send. */
  public HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path)).timeout(timeout)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends {@code request} and waits for the whole body as a string. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code body} as JSON to {@code path} and waits for the answer. */
  public HttpResponse<String> postJson(String path, String body) {
    return send(post(path, body).build());
  }

  /** POSTs {@code body} as JSON to {@code path} without waiting. */
  public CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
    return client.sendAsync(post(path, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} and waits for the answer. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build());
  }

  /** {@code text} parsed as JSON. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The payloads of the {@code data:} lines of an SSE body. */
  public static List<String> sseData(String body) {
    List<String> data = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    return data;
  }
}
