package io.inferoute.cli;

import io.inferoute.istio.IstioRenderer;
import io.inferoute.istio.RenderOptions;
import io.inferoute.policy.Locality;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inferoute render istio --policy FILE}: the manifests to deploy beside Istio. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Prints the manifests to deploy Inferoute beside Istio: DestinationRules with outlier",
        "detection and initial locality weights, the ext_proc EnvoyFilter, ServiceEntries for cloud",
        "endpoints, and Inferoute's own Deployment, Service, RBAC and PodDisruptionBudget."})
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "what to render: istio")
  String target;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy (YAML)")
  Path policy;

  @Option(names = "--namespace", defaultValue = "inferoute-system", description = "Inferoute's namespace (default: ${DEFAULT-VALUE})")
  String namespace = "inferoute-system";

  @Option(names = "--app-namespace", defaultValue = "inference", description = "namespace of the model-server pools (default: ${DEFAULT-VALUE})")
  String appNamespace = "inference";

  @Option(names = "--gateway-locality", paramLabel = "REGION/ZONE",
      description = "locality of an ingress gateway (repeatable): the 'from' side of the weights")
  List<String> gatewayLocalities = new ArrayList<>();

  @Option(names = "--image", defaultValue = RenderOptions.DEFAULT_IMAGE, description = "container image (default: ${DEFAULT-VALUE})")
  String image = RenderOptions.DEFAULT_IMAGE;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!target.equals("istio")) {
      err.println("render: \"" + target + "\" (expected: istio)");
      err.flush();
      return 2;
    }
    PolicyLoadResult loaded = PolicyLoader.load(policy);
    if (!loaded.ok()) {
      err.print(loaded.describe());
      err.flush();
      return 1;
    }
    List<Locality> gateways = new ArrayList<>();
    RenderOptions d = RenderOptions.defaults();
    try {
      for (String l : gatewayLocalities) {
        gateways.add(Locality.parse(l));
      }
      RenderOptions options = new RenderOptions(namespace, appNamespace, d.gatewayNamespace(),
          gateways, d.virtualHost(), d.routePort(), image, d.replicas(), d.pools(), d.weights());
      out.print(IstioRenderer.render(loaded.requirePolicy(),
          Files.readString(policy, StandardCharsets.UTF_8), options));
    } catch (IllegalArgumentException e) {
      err.println("render: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.flush();
    return 0;
  }
}
