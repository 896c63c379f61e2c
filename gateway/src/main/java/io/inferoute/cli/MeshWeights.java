package io.inferoute.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.inferoute.breaker.BreakerState;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.istio.Backoff;
import io.inferoute.istio.DestinationRuleTarget;
import io.inferoute.istio.IstioRenderer;
import io.inferoute.istio.LeaderElection;
import io.inferoute.istio.LocalityLbPublisher;
import io.inferoute.istio.LocalityTelemetry;
import io.inferoute.istio.LocalityWeightCalculator;
import io.inferoute.istio.MeshTelemetry;
import io.inferoute.istio.PublishStatus;
import io.inferoute.istio.RenderOptions;
import io.inferoute.istio.WeightPublisher;
import io.inferoute.istio.WeightSettings;
import io.inferoute.policy.Locality;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.telemetry.LatencySnapshot;
import io.inferoute.telemetry.LoadReport;
import io.inferoute.telemetry.TelemetryStats;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's half of the Istio side path: turns the engine's live state into per-locality
 * telemetry and runs the weight publisher on its own thread (never a request thread).
 *
 * <p>Each tier is one destination service (the pool Services {@code render istio} creates). Error
 * rates are deltas since the previous snapshot, so an old incident does not weigh forever.
 */
final class MeshWeights implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MeshWeights.class.getName());

  /** Where weights go: {@code dry-run}, {@code file:DIR} or {@code kubernetes}. */
  static final String MODES = "dry-run, file:DIR, kubernetes";

  private final RoutingEngine engine;
  private final Map<String, TelemetryStats> lastStats = new HashMap<>();
  private final WeightPublisher publisher;
  private final @Nullable KubernetesClient client;
  private final @Nullable LeaderElection election;

  private MeshWeights(RoutingEngine engine, String mode, List<Locality> gateways, String appNamespace,
      String leaseNamespace) throws Exception {
    this.engine = engine;
    LocalityLbPublisher sink;
    KubernetesClient k8s = null;
    LeaderElection elector = null;
    if (mode.equals("dry-run")) {
      sink = LocalityLbPublisher.dryRun(diff -> LOG.log(System.Logger.Level.INFO, "locality weights (dry run):\n" + diff));
    } else if (mode.startsWith("file:") && mode.length() > 5) {
      sink = LocalityLbPublisher.file(Path.of(mode.substring(5)));
    } else if (mode.equals("kubernetes")) {
      k8s = new KubernetesClientBuilder().build();
      sink = LocalityLbPublisher.kubernetes(k8s, false);
      elector = LeaderElection.start(k8s, leaseNamespace, "inferoute-locality-weights",
          InetAddress.getLocalHost().getHostName(), LeaderElection.Timings.DEFAULT);
    } else {
      throw new IllegalArgumentException("--weights: \"" + mode + "\" (expected one of: " + MODES + ")");
    }
    this.client = k8s;
    this.election = elector;
    RenderOptions options = new RenderOptions(leaseNamespace, appNamespace,
        RenderOptions.defaults().gatewayNamespace(), gateways, RenderOptions.defaults().virtualHost(),
        RenderOptions.defaults().routePort(), RenderOptions.defaults().image(),
        RenderOptions.defaults().replicas(), List.of(), WeightSettings.DEFAULT);
    List<DestinationRuleTarget> targets = IstioRenderer.pools(engine.policy(), options);
    LeaderElection le = elector;
    this.publisher = new WeightPublisher(this::snapshot, () -> gateways,
        new LocalityWeightCalculator(WeightSettings.DEFAULT), sink, targets,
        le == null ? () -> true : le::isLeader, InstantSource.system(), Backoff.defaults());
  }

  static MeshWeights start(RoutingEngine engine, String mode, List<Locality> gateways,
      String appNamespace, String leaseNamespace, Duration interval) throws Exception {
    MeshWeights weights = new MeshWeights(engine, mode, gateways, appNamespace, leaseNamespace);
    weights.publisher.start(interval);
    return weights;
  }

  PublishStatus status() {
    return publisher.status();
  }

  /** The engine's state, aggregated per tier and locality. Runs on the publisher's thread. */
  synchronized MeshTelemetry snapshot() {
    Map<String, Aggregate> groups = new LinkedHashMap<>();
    for (Endpoint e : engine.fleet().endpoints()) {
      String key = e.spec().tier() + "|" + e.spec().locality();
      groups.computeIfAbsent(key, k -> new Aggregate(e.spec().tier(), e.spec().locality())).add(e, delta(e));
    }
    List<LocalityTelemetry> rows = new ArrayList<>();
    for (Aggregate a : groups.values()) {
      rows.add(a.toTelemetry());
    }
    return new MeshTelemetry(java.time.Instant.now(), rows);
  }

  private TelemetryStats delta(Endpoint e) {
    TelemetryStats now = e.telemetry().stats();
    TelemetryStats before = lastStats.put(e.name(), now);
    return before == null ? now : now.minus(before);
  }

  /** One tier in one locality. */
  private static final class Aggregate {
    final String tier;
    final Locality locality;
    int healthy;
    int capacity;
    int inFlight;
    int queued;
    long ttftP95 = -1;
    long requests;
    long failures;
    double cost;
    int endpoints;

    Aggregate(String tier, Locality locality) {
      this.tier = tier;
      this.locality = locality;
    }

    void add(Endpoint e, TelemetryStats recent) {
      endpoints++;
      cost += e.spec().cost().perMillionTokens(1_000, 256);
      inFlight += e.telemetry().inFlight();
      LoadReport load = e.telemetry().freshLoad();
      if (load != null && load.queueDepth() > 0) {
        queued += load.queueDepth();
      }
      if (e.breaker().state() == BreakerState.CLOSED) {
        healthy++;
        capacity += e.spec().maxConcurrency();
      }
      LatencySnapshot ttft = e.telemetry().latency(LatencyMetric.TTFT);
      if (ttft.known()) {
        ttftP95 = Math.max(ttftP95, ttft.p95Nanos());
      }
      requests += recent.requests();
      failures += recent.failures();
    }

    LocalityTelemetry toTelemetry() {
      double errorRate = requests == 0 ? 0 : Math.min(1, (double) failures / requests);
      return new LocalityTelemetry(tier, locality, healthy, capacity, inFlight, queued, ttftP95,
          null, errorRate, cost / Math.max(1, endpoints));
    }
  }

  @Override
  public void close() {
    publisher.close();
    if (election != null) {
      election.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
