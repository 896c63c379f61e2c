package io.inferoute.istio;

import io.inferoute.internal.Checks;
import io.inferoute.policy.Locality;
import java.util.List;

/**
 * Deployment choices for {@link IstioRenderer} that a routing policy does not hold.
 *
 * @param namespace where Inferoute runs (its Deployment, Service, Lease)
 * @param appNamespace where the model-server pool Services and their DestinationRules live
 * @param gatewayNamespace the Istio ingress gateway's namespace (the EnvoyFilter goes there)
 * @param gatewayLocalities the ingress gateways' localities: the {@code from} side of the weights
 * @param virtualHost the gateway virtual host the EnvoyFilter's route goes into, e.g. {@code inference.example.com:80}
 * @param routePort the gateway port of that virtual host
 * @param image the Inferoute container image
 * @param replicas Inferoute replicas (one writes weights: Lease leader election)
 * @param pools the DestinationRules to write; empty: one pool Service per tier, named after it
 * @param weights how the initial weights are computed
 */
public record RenderOptions(
    String namespace,
    String appNamespace,
    String gatewayNamespace,
    List<Locality> gatewayLocalities,
    String virtualHost,
    int routePort,
    String image,
    int replicas,
    List<DestinationRuleTarget> pools,
    WeightSettings weights) {

  /** Image tag the renderer uses unless told. */
  public static final String DEFAULT_IMAGE = "ghcr.io/inferoute/inferoute:0.1.0";

  public RenderOptions {
    Checks.name("namespace", namespace);
    Checks.name("appNamespace", appNamespace);
    Checks.name("gatewayNamespace", gatewayNamespace);
    gatewayLocalities = List.copyOf(gatewayLocalities);
    if (!virtualHost.matches("[A-Za-z0-9.*:_-]+")) {
      throw new IllegalArgumentException("virtualHost: \"" + virtualHost
          + "\" (expected: host:port, letters, digits, '.', '-', '*' only)");
    }
    Checks.between("routePort", routePort, 1, 65535);
    Checks.name("image", image);
    Checks.between("replicas", replicas, 1, 100);
    pools = List.copyOf(pools);
  }

  /** {@code inferoute-system}, {@code inference}, {@code istio-system}, no gateway localities, 2 replicas. */
  public static RenderOptions defaults() {
    return new RenderOptions("inferoute-system", "inference", "istio-system", List.of(),
        "inference.example.com:80", 80, DEFAULT_IMAGE, 2, List.of(), WeightSettings.DEFAULT);
  }

  /** These options with the ingress gateways' localities. */
  public RenderOptions withGatewayLocalities(List<Locality> localities) {
    return new RenderOptions(namespace, appNamespace, gatewayNamespace, localities, virtualHost, routePort,
        image, replicas, pools, weights);
  }

  /** These options with explicit pool DestinationRules. */
  public RenderOptions withPools(List<DestinationRuleTarget> targets) {
    return new RenderOptions(namespace, appNamespace, gatewayNamespace, gatewayLocalities, virtualHost,
        routePort, image, replicas, targets, weights);
  }

  /** The Service name Inferoute's own manifests use. */
  public String appName() {
    return "inferoute";
  }

  /** Istio's outbound cluster for Inferoute's gRPC port, as Envoy names it. */
  public String extProcCluster() {
    return "outbound|" + IstioRenderer.GRPC_PORT + "||" + appName() + "." + namespace + ".svc.cluster.local";
  }
}
