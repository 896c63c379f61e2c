package io.inferoute.cli;

import io.inferoute.policy.Locality;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferoute serve --policy FILE}: production mode, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs the router: HTTP gateway, ext_proc gRPC and admin listeners, with the",
        "policy file reloaded live. Stops on SIGTERM after draining ext_proc streams."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy (YAML), reloaded when it changes")
  Path policy;

  @Option(names = "--no-scrape", description = "do not scrape the endpoints' /metrics")
  boolean noScrape;

  @Option(names = "--scrape-interval", defaultValue = "500ms", paramLabel = "DURATION",
      description = "how often each endpoint's /metrics is scraped, e.g. 200ms or 2s (default: ${DEFAULT-VALUE})")
  String scrapeInterval = "500ms";

  @Option(names = "--drain", defaultValue = "30", paramLabel = "SECONDS",
      description = "how long open ext_proc streams may finish on shutdown (default: ${DEFAULT-VALUE})")
  int drainSeconds = 30;

  @Mixin ListenerOptions listeners = new ListenerOptions();

  @Option(names = "--weights", paramLabel = "MODE",
      description = "publish Istio locality weights: " + MeshWeights.MODES + " (default: off)")
  @org.jspecify.annotations.Nullable String weights;

  @Option(names = "--gateway-locality", paramLabel = "REGION/ZONE",
      description = "locality of an ingress gateway (repeatable): the 'from' side of the weights")
  java.util.List<String> gatewayLocalities = new java.util.ArrayList<>();

  @Option(names = "--app-namespace", defaultValue = "inference",
      description = "namespace of the pool Services whose DestinationRules carry the weights (default: ${DEFAULT-VALUE})")
  String appNamespace = "inference";

  @Option(names = "--discover", paramLabel = "LABEL=VALUE",
      description = "also route to endpoints from EndpointSlices carrying these labels (repeatable), in --app-namespace")
  java.util.Map<String, String> discover = new java.util.LinkedHashMap<>();

  @Option(names = "--discover-tier", defaultValue = "regional-npu",
      description = "tier of discovered endpoints without an inferoute.io/tier label (default: ${DEFAULT-VALUE})")
  String discoverTier = "regional-npu";

  @Option(names = "--namespace", defaultValue = "inferoute-system",
      description = "Inferoute's namespace, where the leader-election Lease lives (default: ${DEFAULT-VALUE})")
  String namespace = "inferoute-system";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicyLoadResult loaded = PolicyLoader.load(policy);
    if (!loaded.ok()) {
      err.print(loaded.describe());
      err.flush();
      return 1;
    }
    Duration interval = io.inferoute.policy.yaml.Units.parseDuration(scrapeInterval);
    if (interval == null || interval.isZero()) {
      err.println("--scrape-interval: \"" + scrapeInterval
          + "\" (expected: a positive duration such as 500ms or 2s)");
      err.flush();
      return 2;
    }
    GatewayProcess process;
    try {
      GatewayProcess.WeightsOptions weightOptions = null;
      if (weights != null) {
        java.util.List<Locality> gateways = new java.util.ArrayList<>();
        for (String l : gatewayLocalities) {
          gateways.add(Locality.parse(l));
        }
        weightOptions = new GatewayProcess.WeightsOptions(weights, gateways, appNamespace, namespace,
            Duration.ofSeconds(10));
      }
      process = GatewayProcess.start(new GatewayProcess.Options(loaded.requirePolicy(), policy,
          listeners.http(Locality.UNKNOWN), listeners.extProc(), listeners.admin(), !noScrape, interval,
          Duration.ofSeconds(drainSeconds), weightOptions,
          discover.isEmpty() ? null : new io.inferoute.discovery.DiscoverySettings(appNamespace,
              discover, null, discoverTier, io.inferoute.policy.EndpointSpec.DEFAULT_MAX_CONCURRENCY)));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      process.close();
      stopped.countDown();
    }, "inferoute-shutdown"));
    out.println("inferoute serving policy \"" + loaded.requirePolicy().name() + "\" from " + policy);
    out.println(" " + process.describe());
    out.flush();
    stopped.await();
    return 0;
  }
}
