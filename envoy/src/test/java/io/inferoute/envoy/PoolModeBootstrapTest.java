package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.inferoute.testing.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool-level bootstrap: Inferoute names the tier, Envoy weighs localities inside it. */
class PoolModeBootstrapTest {

  private static final String POOL_HEADER = "x-inferoute-pool";
  private static final Bootstrap BOOTSTRAP =
      EnvoyProtos.bootstrap(TestFiles.moduleFile("envoy", "config/envoy-bootstrap-pool-mode.yaml"));
  private static final HttpConnectionManager HCM = EnvoyConfigs.connectionManager(BOOTSTRAP);
  private static final List<Route> ROUTES = HCM.getRouteConfig().getVirtualHosts(0).getRoutesList();

  @Test
  void routesEachTierNamedByInferouteToItsPoolCluster() {
    List<Route> tierRoutes = ROUTES.stream()
        .filter(r -> r.getMatch().getHeadersList().stream().anyMatch(h -> h.getName().equals(POOL_HEADER)))
        .toList();

    assertThat(tierRoutes).extracting(r -> tierOf(r.getMatch().getHeaders(0)))
        .containsExactly("edge", "regional", "cloud");
    for (Route route : tierRoutes) {
      String cluster = route.getRoute().getCluster();
      assertThat(cluster).isEqualTo("pool_" + tierOf(route.getMatch().getHeaders(0)));
      assertThat(EnvoyConfigs.cluster(BOOTSTRAP, cluster)).isNotNull();
    }
  }

  @Test
  void poolClustersBalanceByLocalityWeight() {
    for (String name : List.of("pool_edge", "pool_regional")) {
      Cluster pool = EnvoyConfigs.cluster(BOOTSTRAP, name);
      assertThat(pool.getCommonLbConfig().hasLocalityWeightedLbConfig()).as(name).isTrue();
      List<LocalityLbEndpoints> localities = pool.getLoadAssignment().getEndpointsList();
      assertThat(localities).as(name).hasSizeGreaterThan(1);
      assertThat(localities).allSatisfy(l -> {
        assertThat(l.getLocality().getZone()).isNotEmpty();
        assertThat(l.getLoadBalancingWeight().getValue()).isPositive();
      });
    }
  }

  @Test
  void failsOpenToTheRegionalPoolWhenInferouteIsSilent() {
    ExternalProcessor extProc = EnvoyConfigs.extProc(HCM);
    assertThat(extProc.getFailureModeAllow()).isTrue();
    // Envoy holds no copy of a FULL_DUPLEX body, so fail open is only reliable with BUFFERED.
    assertThat(extProc.getProcessingMode().getRequestBodyMode()).isEqualTo(BodySendMode.BUFFERED);
    Route last = ROUTES.get(ROUTES.size() - 1);
    assertThat(last.getMatch().getHeadersList()).isEmpty();
    assertThat(last.getRoute().getCluster()).isEqualTo("pool_regional");
  }

  @Test
  void stripsClientSuppliedPoolHeaderBeforeExtProc() {
    assertThat(EnvoyConfigs.httpFilterNames(HCM)).containsExactly(
        EnvoyConfigs.HEADER_MUTATION, EnvoyConfigs.EXT_PROC, EnvoyConfigs.ROUTER);
    HeaderMutation strip = EnvoyConfigs.unpack(
        EnvoyConfigs.httpFilter(HCM, EnvoyConfigs.HEADER_MUTATION).getTypedConfig(), HeaderMutation.class);
    assertThat(strip.getMutations().getRequestMutationsList())
        .extracting(m -> m.getRemove())
        .contains(POOL_HEADER);
  }

  @Test
  void extProcClusterIsHttp2WithGrpcHealthCheck() {
    Cluster cluster = EnvoyConfigs.cluster(BOOTSTRAP,
        EnvoyConfigs.extProc(HCM).getGrpcService().getEnvoyGrpc().getClusterName());
    assertThat(EnvoyConfigs.httpProtocolOptions(cluster).getExplicitHttpConfig().hasHttp2ProtocolOptions())
        .isTrue();
    assertThat(cluster.getHealthChecks(0).getGrpcHealthCheck().getServiceName())
        .isEqualTo(EnvoyConfigs.EXT_PROC_SERVICE);
  }

  private static String tierOf(HeaderMatcher matcher) {
    return matcher.getStringMatch().getExact();
  }
}
