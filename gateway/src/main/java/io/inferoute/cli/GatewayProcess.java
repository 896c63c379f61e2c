package io.inferoute.cli;

import io.inferoute.admin.AdminServer;
import io.inferoute.admin.AdminSettings;
import io.inferoute.admin.EngineMetrics;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.extproc.ExtProcServer;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.http.HttpGateway;
import io.inferoute.http.HttpGatewaySettings;
import io.inferoute.http.HttpGatewayStats;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.PolicyReloader;
import io.inferoute.policy.PolicyStatus;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RejectReason;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.scrape.LoadMapping;
import io.inferoute.scrape.LoadScraper;
import io.inferoute.scrape.ScrapeTarget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * One running Inferoute: the engine, the three listeners (HTTP gateway, ext_proc gRPC, admin),
 * load scraping, policy reload and metrics, started in order and stopped in reverse with a drain.
 *
 * <p>Readiness turns true only when every listener is up, and false first on shutdown, so a
 * load balancer stops sending before anything stops answering.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GatewayProcess.class.getName());

  /**
   * What to start.
   *
   * @param scrapeInterval how often each endpoint's {@code /metrics} is scraped (when {@code
   *     scrape} is on)
   * @param weights the Istio side path, or null to publish no locality weights
   */
  public record Options(
      RoutingPolicy policy,
      @Nullable Path policyFile,
      HttpGatewaySettings http,
      ExtProcSettings extProc,
      AdminSettings admin,
      boolean scrape,
      Duration scrapeInterval,
      Duration drain,
      @Nullable WeightsOptions weights,
      io.inferoute.discovery.@Nullable DiscoverySettings discovery) {
    public Options(RoutingPolicy policy, @Nullable Path policyFile, HttpGatewaySettings http,
        ExtProcSettings extProc, AdminSettings admin, boolean scrape, Duration drain) {
      this(policy, policyFile, http, extProc, admin, scrape, LoadScraper.DEFAULT_INTERVAL, drain,
          null, null);
    }
  }

  /**
   * Where and how the locality weights go.
   *
   * @param mode {@code dry-run}, {@code file:DIR} or {@code kubernetes}
   * @param gateways the ingress gateways' localities (the {@code from} side)
   * @param appNamespace namespace of the pool Services
   * @param namespace Inferoute's namespace (the leader-election Lease lives there)
   * @param interval how often weights are computed
   */
  public record WeightsOptions(String mode, List<io.inferoute.policy.Locality> gateways,
      String appNamespace, String namespace, Duration interval) {}

  private final RoutingEngine engine;
  private final Vertx adminVertx;
  private final PrometheusMeterRegistry registry;
  private final EngineMetrics metrics;
  private final LoadScraper scraper;
  private final Duration drain;
  private volatile boolean ready;
  private @Nullable PolicyReloader reloader;
  private @Nullable HttpGateway http;
  private @Nullable ExtProcServer extProc;
  private @Nullable AdminServer admin;
  private @Nullable MeshWeights weights;
  private final FleetComposer fleet;
  private io.fabric8.kubernetes.client.@Nullable KubernetesClient discoveryClient;
  private io.inferoute.discovery.@Nullable EndpointSliceDiscovery discovery;

  private GatewayProcess(Options o) {
    this.engine = RoutingEngine.start(o.policy());
    this.drain = o.drain();
    this.adminVertx = Vertx.vertx();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new EngineMetrics(engine, registry);
    engine.observeDecisions(metrics);
    this.scraper = LoadScraper.builder().interval(o.scrapeInterval()).build();
    this.fleet = new FleetComposer(o.policy(), this::apply);
  }

  /** Starts everything, or nothing: a failure stops what had started and is rethrown. */
  public static GatewayProcess start(Options o) throws Exception {
    GatewayProcess p = new GatewayProcess(o);
    try {
      p.startAll(o);
      return p;
    } catch (Exception | Error e) {
      p.close();
      throw e;
    }
  }

  private void startAll(Options o) throws Exception {
    if (o.policyFile() != null) {
      reloader = PolicyReloader.builder(o.policyFile()).listener(fleet::onPolicy).start();
      metrics.bindReloader(reloader);
    }
    if (o.discovery() != null) {
      discoveryClient = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
      discovery = io.inferoute.discovery.EndpointSliceDiscovery.start(discoveryClient, o.discovery(),
          fleet::onDiscovered);
    }
    if (o.scrape()) {
      scraper.setTargets(targets());
      scraper.start();
    }
    admin = AdminServer.start(adminVertx, o.admin(), engine, registry, this::policyStatus, () -> ready);
    http = HttpGateway.start(engine, o.http());
    bindHttpMetrics(http);
    extProc = ExtProcServer.start(engine, o.extProc());
    WeightsOptions w = o.weights();
    if (w != null) {
      weights = MeshWeights.start(engine, w.mode(), w.gateways(), w.appNamespace(), w.namespace(),
          w.interval());
      bindWeightMetrics(weights);
    }
    ready = true;
  }

  /** A new policy or fleet: swap the engine's snapshot, then follow the new fleet. */
  private void apply(RoutingPolicy policy) {
    engine.apply(policy);
    metrics.refresh();
    scraper.setTargets(targets());
  }

  private @Nullable PolicyStatus policyStatus() {
    PolicyReloader r = reloader;
    return r == null ? null : r.status();
  }

  private List<ScrapeTarget> targets() {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (Endpoint e : engine.fleet().endpoints()) {
      EndpointSpec.MetricsSource source = e.spec().metrics();
      if (source == null) {
        continue;
      }
      try {
        targets.add(new ScrapeTarget(e.name(), URI.create(source.url()),
            LoadMapping.forEngine(source.engine()), e.telemetry()));
      } catch (IllegalArgumentException ex) {
        LOG.log(System.Logger.Level.WARNING, "not scraping " + e.name() + ": " + ex.getMessage());
      }
    }
    return targets;
  }

  private void bindHttpMetrics(HttpGateway gateway) {
    for (int statusClass = 1; statusClass <= 5; statusClass++) {
      int c = statusClass;
      counter("inferoute.http.responses", gateway, s -> s.responses(c), "class", c + "xx",
          "Responses of the HTTP gateway by status class");
    }
    for (RejectReason reason : RejectReason.values()) {
      counter("inferoute.rejects", gateway, s -> s.rejects(reason), "reason", reason.metricLabel(),
          "Requests the HTTP gateway rejected or failed, by reason");
    }
    counter("inferoute.http.retries", gateway, HttpGatewayStats::retries, "result", "attempted",
        "Retries on a fallback endpoint");
    counter("inferoute.http.retries", gateway, HttpGatewayStats::retriesDenied, "result", "denied",
        "Retries refused by the retry budget");
    counter("inferoute.http.upstream.failures", gateway, HttpGatewayStats::upstreamFailures,
        "kind", "failure", "Upstream connect errors, resets and 5xx/429 answers");
    counter("inferoute.http.upstream.failures", gateway, HttpGatewayStats::upstreamTimeouts,
        "kind", "timeout", "Upstream connect errors, resets and 5xx/429 answers");
    counter("inferoute.http.client.disconnects", gateway, HttpGatewayStats::clientDisconnects,
        "side", "client", "Clients that went away before their answer was complete");
    Gauge.builder("inferoute.http.active.requests", gateway, g -> g.activeRequests())
        .description("Requests in progress in the HTTP gateway").register(registry);
  }

  private void bindWeightMetrics(MeshWeights mesh) {
    for (io.inferoute.istio.PublishOutcome outcome : io.inferoute.istio.PublishOutcome.values()) {
      FunctionCounter.builder("inferoute.locality.weight.publishes", mesh,
              m -> m.status().counts().getOrDefault(outcome, 0L))
          .tags("result", outcome.name().toLowerCase(Locale.ROOT))
          .description("Locality-weight publish attempts by result").register(registry);
    }
    Gauge.builder("inferoute.locality.weight.leader", mesh, m -> m.status().leader() ? 1 : 0)
        .description("1 when this replica publishes the locality weights").register(registry);
  }

  private void counter(String name, HttpGateway gateway, ToDoubleFunction<HttpGatewayStats> f,
      String tag, String value, String description) {
    FunctionCounter.builder(name, gateway, g -> f.applyAsDouble(g.stats())).tags(tag, value)
        .description(description).register(registry);
  }

  public RoutingEngine engine() {
    return engine;
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public int extProcPort() {
    return extProc == null ? -1 : extProc.port();
  }

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  public boolean ready() {
    return ready;
  }

  /** Not ready first; then ext_proc drains its streams, and the rest stops in reverse order. */
  @Override
  public void close() {
    ready = false;
    if (weights != null) {
      quietly("locality-weight publisher", weights::close);
    }
    if (extProc != null) {
      quietly("ext_proc server", () -> extProc.stop(drain));
    }
    if (http != null) {
      quietly("HTTP gateway", http::close);
    }
    if (admin != null) {
      quietly("admin server", admin::close);
    }
    quietly("load scraper", scraper::close);
    if (discovery != null) {
      quietly("endpoint discovery", discovery::close);
    }
    if (discoveryClient != null) {
      quietly("Kubernetes client", discoveryClient::close);
    }
    if (reloader != null) {
      quietly("policy reloader", reloader::close);
    }
    quietly("engine", engine::close);
    quietly("admin event loop", () -> adminVertx.close().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS));
    registry.close();
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "stopping the " + what + " failed: " + e, e);
    }
  }

  /** Human-readable listener summary. */
  public String describe() {
    return String.format(Locale.ROOT,
        "HTTP gateway  http://127.0.0.1:%d/v1%n ext_proc gRPC 127.0.0.1:%d%n admin         http://127.0.0.1:%d/metrics",
        httpPort(), extProcPort(), adminPort());
  }
}
