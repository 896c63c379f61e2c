package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.inferoute.admin.AdminSettings;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.http.HttpGatewaySettings;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.sim.SimulatedFleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole process on real sockets: the three listeners, scraping, reload, metrics, shutdown. */
class GatewayProcessTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAllThreeListenersReloadsAndStopsCleanly() throws Exception {
    Path policyFile = dir.resolve("policy.yaml");
    String demo = Files.readString(CliRun.docs("examples/demo.yaml"));
    Files.writeString(policyFile, demo);
    RoutingPolicy policy = PolicyLoader.load(policyFile).requirePolicy();
    try (SimulatedFleet fleet = SimulatedFleet.startFor(policy, 50)) {
      GatewayProcess p = GatewayProcess.start(new GatewayProcess.Options(policy, policyFile,
          HttpGatewaySettings.defaults().toBuilder().host("127.0.0.1").port(0).build(),
          ExtProcSettings.defaults().withAddress("127.0.0.1", 0),
          AdminSettings.defaults().withPort(0), true, Duration.ofMillis(200), Duration.ofSeconds(1),
          new GatewayProcess.WeightsOptions("file:" + dir.resolve("weights"),
              java.util.List.of(io.inferoute.policy.Locality.parse("local/edge-a")), "inference",
              "inferoute-system", Duration.ofMillis(200)), null));
      int admin;
      try (p) {
        admin = p.adminPort();
        assertThat(p.ready()).isTrue();
        assertThat(get(admin, "/readyz").statusCode()).isEqualTo(200);

        HttpResponse<String> chat = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + p.httpPort() + "/v1/chat/completions"))
            .header("content-type", "application/json").header("x-priority", "interactive")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama-3.1-8b\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(chat.headers().firstValue("x-inferoute-tier")).isPresent();

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", p.extProcPort())
            .usePlaintext().build();
        try {
          HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .check(HealthCheckRequest.newBuilder()
                  .setService("envoy.service.ext_proc.v3.ExternalProcessor").build());
          assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
          channel.shutdownNow();
        }

        // Scraping reaches the simulators: reported load appears on the endpoints.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(get(admin, "/admin/endpoints").body()).contains("\"kvCacheUsage\""));

        // An invalid edit is rejected whole; the running policy stays.
        Path tmp = dir.resolve("next.yaml");
        Files.writeString(tmp, demo.replace("tier: cloud", "tier: clowd"));
        Files.move(tmp, policyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(get(admin, "/metrics").body())
                .contains("inferoute_policy_reload_total{result=\"rejected\"} 1.0"));
        assertThat(get(admin, "/admin/policy").body()).contains("\"lastOutcome\"").contains("clowd");
        assertThat(p.engine().fleet().byName("cloud-1")).isNotNull();

        // The side path writes locality weights for the pools, never on a request thread.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          try (var files = Files.list(dir.resolve("weights"))) {
            String all = files.map(f -> {
              try {
                return Files.readString(f);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }).reduce("", String::concat);
            assertThat(all).contains("localityLbSetting").contains("distribute")
                .contains("from: local/edge-a");
          }
        });

        String metrics = get(admin, "/metrics").body();
        assertThat(metrics).contains("inferoute_http_responses_total{class=\"2xx\"} 1.0")
            .contains("inferoute_decisions_total{outcome=\"placed\",route=\"interactive-chat\"}")
            .containsPattern("inferoute_locality_weight_publishes_total\\{result=\"applied\"\\} [1-9]");
      }
      assertThat(p.ready()).isFalse();
      int port = admin;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(port, "/healthz"))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void liveDemoSendsRequestsThroughTheGatewayAndStops() {
    CliRun run = CliRun.of("demo", "--duration", "1", "--speed-up", "50", "--bind", "127.0.0.1",
        "--http-port", "0", "--ext-proc-port", "0", "--admin-port", "0");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("interactive chat, first turn").containsPattern("-> 200 +tier=")
        .contains("-> 404").contains("curl -s http://127.0.0.1:");
  }
}
