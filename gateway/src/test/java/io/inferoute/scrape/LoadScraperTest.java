package io.inferoute.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.sim.SimulatedEndpoint;
import io.inferoute.sim.SimulatedFleet;
import io.inferoute.sim.SimulatedServer;
import io.inferoute.telemetry.EndpointTelemetry;
import io.inferoute.telemetry.LoadReport;
import io.inferoute.testing.FakeTicker;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadScraperTest {
  private static final TelemetrySettings SETTINGS =
      new TelemetrySettings(Duration.ofSeconds(10), 6, Duration.ofSeconds(5));

  private final FakeTicker ticker = new FakeTicker();
  private final EndpointTelemetry telemetry = EndpointTelemetry.create(SETTINGS, ticker);
  private SimulatedFleet fleet;
  private SimulatedServer server;
  private LoadScraper scraper;

  @BeforeEach
  void startServer() {
    fleet = SimulatedFleet.start(List.of(SimulatedEndpoint.builder("sim").models("m")
        .speeds(100_000, 20).kvCacheBlocks(100).maxConcurrency(4).build()));
    server = fleet.server("sim");
  }

  @AfterEach
  void stop() {
    if (scraper != null) {
      scraper.close();
    }
    fleet.close();
  }

  private LoadScraper scraper(String url, LoadMapping mapping, LoadScraper.Builder builder) {
    scraper = builder.ticker(ticker).build();
    scraper.setTargets(List.of(new ScrapeTarget("sim", URI.create(url), mapping, telemetry)));
    return scraper;
  }

  private LoadScraper scraper(String url) {
    return scraper(url, LoadMapping.VLLM, LoadScraper.builder().timeout(Duration.ofSeconds(5)));
  }

  private String metricsUrl() {
    return server.baseUri() + "/metrics";
  }

  private static void await(CompletableFuture<Void> round) throws Exception {
    round.get(10, TimeUnit.SECONDS);
  }

  @Test
  void feedsRunningRequestsAndKvUsageFromASimulatedEndpoint() throws Exception {
    // A streamed request of 100 tokens at 20 tokens/s runs for 5 s once its headers arrive.
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> running = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"m\",\"stream\":true,\"max_tokens\":100,\"prompt\":\"" + "p".repeat(640) + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    LoadScraper scraper = scraper(metricsUrl());

    await(scraper.scrapeNow());
    running.body().close();

    assertThat(telemetry.freshLoad()).isEqualTo(new LoadReport(0, 1, 0.1, ticker.read(), 0));
    ScrapeStatus status = scraper.status("sim");
    assertThat(status.successes()).isEqualTo(1);
    assertThat(status.lastError()).isNull();
    assertThat(status.stalenessNanos(ticker.read())).isZero();
  }

  @Test
  void deadEndpointLeavesTheLastLoadToGoStaleNeverZero() throws Exception {
    LoadScraper scraper = scraper(metricsUrl());
    await(scraper.scrapeNow());
    LoadReport before = telemetry.freshLoad();
    assertThat(before).isNotNull();

    server.kill().get(10, TimeUnit.SECONDS);
    ticker.advance(Duration.ofSeconds(1));
    await(scraper.scrapeNow());

    ScrapeStatus status = scraper.status("sim");
    assertThat(status.lastError()).startsWith("ConnectException");
    assertThat(status.consecutiveFailures()).isEqualTo(1);
    assertThat(status.stalenessNanos(ticker.read())).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(telemetry.freshLoad()).isEqualTo(before);
    ticker.advance(Duration.ofSeconds(5));
    assertThat(telemetry.freshLoad()).isNull();
  }

  @Test
  void hangingServerTimesOutAndKeepsOneScrapeInFlight() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Connections complete in the backlog but nobody ever answers.
      telemetry.reportLoad(3, 2, 0.5);
      LoadReport before = telemetry.freshLoad();
      LoadScraper scraper = scraper("http://127.0.0.1:" + silent.getLocalPort() + "/metrics",
          LoadMapping.VLLM, LoadScraper.builder().timeout(Duration.ofMillis(200)));

      CompletableFuture<Void> first = scraper.scrapeNow();
      CompletableFuture<Void> overlapping = scraper.scrapeNow();
      assertThat(overlapping).isDone();
      await(first);

      ScrapeStatus status = scraper.status("sim");
      assertThat(status.lastError()).isEqualTo("timeout: no complete answer within 200 ms");
      assertThat(status.lastSuccessNanos()).isEqualTo(ScrapeStatus.NEVER);
      assertThat(status.stalenessNanos(ticker.read())).isEqualTo(Long.MAX_VALUE);
      assertThat(telemetry.freshLoad()).isEqualTo(before);
    }
  }

  @Test
  void scheduledRoundsScrapeOnTheirOwn() throws Exception {
    CountDownLatch twoSuccesses = new CountDownLatch(2);
    scraper(metricsUrl(), LoadMapping.VLLM, LoadScraper.builder().timeout(Duration.ofSeconds(5)).interval(Duration.ofMillis(20))
        .listener(status -> {
          if (status.lastError() == null) {
            twoSuccesses.countDown();
          }
        }));

    scraper.start();

    assertThat(twoSuccesses.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(telemetry.freshLoad()).isNotNull();
  }

  @Test
  void non200UnparsableOrUnmappedAnswersReportNothing() throws Exception {
    LoadScraper notFound = scraper(server.baseUri() + "/nothing");
    await(notFound.scrapeNow());
    assertThat(notFound.status("sim").lastError()).isEqualTo("status: 404 (expected: 200)");
    notFound.close();

    LoadScraper json = scraper(server.baseUri() + "/v1/models");
    await(json.scrapeNow());
    assertThat(json.status("sim").lastError()).startsWith("metrics: line 1: metric name: ");
    json.close();

    LoadScraper wrongEngine = scraper(metricsUrl(), LoadMapping.SGLANG, LoadScraper.builder().timeout(Duration.ofSeconds(5)));
    await(wrongEngine.scrapeNow());
    assertThat(wrongEngine.status("sim").lastError()).isEqualTo("metrics: none of the sglang load metrics present");

    assertThat(telemetry.freshLoad()).isNull();
  }

  @Test
  void refusesABodyAboveTheLimit() throws Exception {
    LoadScraper small = scraper(metricsUrl(), LoadMapping.VLLM, LoadScraper.builder().timeout(Duration.ofSeconds(5)).maxBodyBytes(100));

    await(small.scrapeNow());

    assertThat(small.status("sim").lastError()).contains("metrics body: more than 100 bytes");
    assertThat(telemetry.freshLoad()).isNull();
  }

  @Test
  void keepsTheStatusOfAnUnchangedTargetAndRefusesDuplicates() throws Exception {
    LoadScraper scraper = scraper(metricsUrl());
    await(scraper.scrapeNow());
    ScrapeTarget same = new ScrapeTarget("sim", URI.create(metricsUrl()), LoadMapping.VLLM, telemetry);

    scraper.setTargets(List.of(same));

    assertThat(scraper.status("sim").successes()).isEqualTo(1);
    assertThat(scraper.statuses()).containsOnlyKeys("sim");
    assertThatThrownBy(() -> scraper.setTargets(List.of(same, same)))
        .hasMessage("targets: \"sim\" appears twice (expected: one target per endpoint)");
    assertThatThrownBy(() -> new ScrapeTarget("x", URI.create("ftp://h/metrics"), LoadMapping.VLLM, telemetry))
        .hasMessage("metricsUrl: ftp://h/metrics (expected: an http or https URL)");
  }
}
