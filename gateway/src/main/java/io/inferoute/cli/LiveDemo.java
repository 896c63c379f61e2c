package io.inferoute.cli;

import io.inferoute.policy.RoutingPolicy;
import io.inferoute.sim.SimulatedFleet;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live demo: simulated endpoints, the whole process on the demo policy, a few requests sent
 * through the real HTTP gateway, and curl commands to try more.
 */
final class LiveDemo {
  private final PrintWriter out;
  private final PrintWriter err;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  LiveDemo(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  int run(RoutingPolicy policy, ListenerOptions listeners, double speedUp, int durationSeconds)
      throws Exception {
    SimulatedFleet fleet;
    try {
      fleet = SimulatedFleet.startFor(policy, speedUp);
    } catch (RuntimeException e) {
      err.println("cannot start the simulated endpoints (ports 18001-18006 busy?): " + e.getMessage());
      err.flush();
      return 1;
    }
    try (fleet) {
      GatewayProcess process;
      try {
        process = GatewayProcess.start(new GatewayProcess.Options(policy, null,
            listeners.http(DemoCommand.EDGE_SITE), listeners.extProc(), listeners.admin(), true,
            Duration.ofSeconds(1)));
      } catch (RuntimeException e) {
        err.println("cannot start Inferoute (ports in use?): " + e.getMessage());
        err.flush();
        return 1;
      }
      try (process) {
        out.println("Inferoute demo: policy \"" + policy.name() + "\" with " + policy.endpoints().size()
            + " simulated endpoints (2 edge GPU, 3 regional NPU, 1 cloud)");
        out.println(" " + process.describe() + "\n");
        samples(process.httpPort());
        curls(process.httpPort(), process.adminPort());
        out.flush();
        waitForStop(durationSeconds);
      }
    }
    return 0;
  }

  private void samples(int port) throws Exception {
    String system = "You are a helpful assistant for the operations team. ".repeat(20);
    send(port, "interactive chat, first turn", "interactive", "alice",
        chat(system + "How do I rotate the TLS certificates?", false));
    send(port, "interactive chat, next turn (prefix cached)", "interactive", "alice",
        chat(system + "How do I rotate the TLS certificates? And the CA?", false));
    send(port, "streamed interactive chat", "interactive", "bob", chat("Say hello.", true));
    send(port, "batch completion (cost objective)", "batch", null,
        "{\"model\":\"llama-3.1-8b\",\"prompt\":\"Classify these tickets.\",\"max_tokens\":32}");
    send(port, "unknown model", "interactive", null,
        "{\"model\":\"gpt-unknown\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    out.println();
  }

  private static String chat(String prompt, boolean stream) {
    return "{\"model\":\"llama-3.1-8b\",\"max_tokens\":32,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
  }

  private void send(int port, String what, String priority, String session, String body)
      throws Exception {
    String path = body.contains("\"prompt\"") ? "/v1/completions" : "/v1/chat/completions";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
        .header("x-priority", priority).POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("x-session-id", session);
    }
    long start = System.nanoTime();
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    out.println(String.format(Locale.ROOT, "  %-45s -> %d  tier=%-13s %7.1f ms  %s", what,
        r.statusCode(), r.headers().firstValue("x-inferoute-tier").orElse("-"), ms,
        r.statusCode() >= 400 ? r.body().strip() : ""));
  }

  private void curls(int port, int adminPort) {
    out.println("Try it (from another terminal):");
    out.println("  curl -s http://127.0.0.1:" + port + "/v1/chat/completions -H 'content-type: application/json' \\");
    out.println("    -H 'x-priority: interactive' -H 'x-session-id: you' \\");
    out.println("    -d '{\"model\":\"llama-3.1-8b\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
    out.println("  curl -s http://127.0.0.1:" + adminPort + "/admin/endpoints");
    out.println("  curl -s http://127.0.0.1:" + adminPort + "/v1/place -d '{\"model\":\"llama-3.1-8b\",\"promptChars\":40000,\"origin\":\"local/edge-a\"}'");
    out.println("  curl -s http://127.0.0.1:" + adminPort + "/metrics | grep inferoute_decisions");
  }

  private void waitForStop(int durationSeconds) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "inferoute-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(durationSeconds > 0 ? "\nRunning for " + durationSeconds + " s." : "\nCtrl-C to stop.");
    out.flush();
    if (durationSeconds > 0) {
      stop.await(durationSeconds, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
    } else {
      stop.await();
    }
  }
}
