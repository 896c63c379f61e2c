package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers.Thresholds;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor.RouteCacheAction;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.inferoute.testing.TestFiles;
import org.junit.jupiter.api.Test;

/** The endpoint-level bootstrap keeps the Endpoint Picker Protocol contract of DESIGN.md. */
class EnvoyBootstrapTest {

  private static final Bootstrap BOOTSTRAP =
      EnvoyProtos.bootstrap(TestFiles.moduleFile("envoy", "config/envoy-bootstrap.yaml"));
  private static final HttpConnectionManager HCM = EnvoyConfigs.connectionManager(BOOTSTRAP);
  private static final ExternalProcessor EXT_PROC = EnvoyConfigs.extProc(HCM);

  @Test
  void listensOnPort10000() {
    assertThat(BOOTSTRAP.getStaticResources().getListeners(0).getAddress().getSocketAddress().getPortValue())
        .isEqualTo(10000);
  }

  @Test
  void stripsClientRoutingHeadersThenCallsExtProcBeforeRouter() {
    assertThat(EnvoyConfigs.httpFilterNames(HCM)).containsExactly(
        EnvoyConfigs.HEADER_MUTATION, EnvoyConfigs.EXT_PROC, EnvoyConfigs.ROUTER);
    HeaderMutation strip = EnvoyConfigs.unpack(
        EnvoyConfigs.httpFilter(HCM, EnvoyConfigs.HEADER_MUTATION).getTypedConfig(), HeaderMutation.class);
    assertThat(strip.getMutations().getRequestMutationsList())
        .extracting(m -> m.getRemove())
        .contains(EnvoyConfigs.DESTINATION_HEADER, "x-inferoute-pool");
  }

  @Test
  void extProcStreamsRequestBodyFullDuplexAndObservesTheResponse() {
    ProcessingMode mode = EXT_PROC.getProcessingMode();
    assertThat(mode.getRequestHeaderMode()).isEqualTo(HeaderSendMode.SEND);
    assertThat(mode.getRequestBodyMode()).isEqualTo(BodySendMode.FULL_DUPLEX_STREAMED);
    assertThat(mode.getRequestTrailerMode()).isEqualTo(HeaderSendMode.SEND);
    assertThat(mode.getResponseHeaderMode()).isEqualTo(HeaderSendMode.SEND);
    assertThat(mode.getResponseBodyMode()).isEqualTo(BodySendMode.STREAMED);
  }

  @Test
  void extProcFailsClosedWithinOneSecond() {
    assertThat(EXT_PROC.getFailureModeAllow()).isFalse();
    assertThat(Durations.toMillis(EXT_PROC.getMessageTimeout())).isBetween(1L, 1000L);
    assertThat(EXT_PROC.getAllowModeOverride()).isFalse();
  }

  @Test
  void extProcMayWriteEnvoyLbMetadataAndClearTheRouteCache() {
    assertThat(EXT_PROC.getMetadataOptions().getReceivingNamespaces().getUntypedList())
        .containsExactly("envoy.lb");
    assertThat(EXT_PROC.getRouteCacheAction()).isEqualTo(RouteCacheAction.DEFAULT);
    assertThat(EXT_PROC.getDisableClearRouteCache()).isFalse();
    assertThat(EXT_PROC.getMutationRules().getDisallowSystem().getValue()).isTrue();
  }

  @Test
  void extProcTalksGrpcToTheInferouteCluster() {
    String clusterName = EXT_PROC.getGrpcService().getEnvoyGrpc().getClusterName();
    assertThat(clusterName).isEqualTo("inferoute_ext_proc");
    assertThat(EnvoyConfigs.cluster(BOOTSTRAP, clusterName).getLoadAssignment()
        .getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getPortValue())
        .isEqualTo(9002);
  }

  @Test
  void extProcClusterIsHttp2WithGrpcHealthCheckAndHighLimits() {
    Cluster cluster = EnvoyConfigs.cluster(BOOTSTRAP, "inferoute_ext_proc");
    HttpProtocolOptions options = EnvoyConfigs.httpProtocolOptions(cluster);
    assertThat(options.getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
    HealthCheck check = cluster.getHealthChecks(0);
    assertThat(check.getGrpcHealthCheck().getServiceName()).isEqualTo(EnvoyConfigs.EXT_PROC_SERVICE);
    Thresholds limits = cluster.getCircuitBreakers().getThresholds(0);
    // Each in-flight request holds one stream: Envoy's default of 1024 would cap concurrency.
    assertThat(limits.getMaxRequests().getValue()).isGreaterThanOrEqualTo(10_000);
    assertThat(limits.getMaxPendingRequests().getValue()).isGreaterThanOrEqualTo(10_000);
    assertThat(Durations.toMillis(cluster.getConnectTimeout())).isPositive();
  }

  @Test
  void originalDstClusterReadsTheDestinationHeader() {
    Cluster cluster = EnvoyConfigs.cluster(BOOTSTRAP, "inferoute_picked_endpoint");
    assertThat(cluster.getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
    assertThat(cluster.getLbPolicy()).isEqualTo(Cluster.LbPolicy.CLUSTER_PROVIDED);
    assertThat(cluster.getOriginalDstLbConfig().getUseHttpHeader()).isTrue();
    assertThat(cluster.getOriginalDstLbConfig().getHttpHeaderName()).isEqualTo(EnvoyConfigs.DESTINATION_HEADER);
  }

  @Test
  void onlyPlacedRequestsReachTheOriginalDstClusterOthersGet503() {
    VirtualHost host = HCM.getRouteConfig().getVirtualHosts(0);
    Route placed = host.getRoutes(0);
    assertThat(placed.getMatch().getHeaders(0).getName()).isEqualTo(EnvoyConfigs.DESTINATION_HEADER);
    assertThat(placed.getMatch().getHeaders(0).getPresentMatch()).isTrue();
    assertThat(placed.getRoute().getCluster()).isEqualTo("inferoute_picked_endpoint");
    Route fallback = host.getRoutes(host.getRoutesCount() - 1);
    assertThat(fallback.getMatch().getHeadersList()).isEmpty();
    assertThat(fallback.getDirectResponse().getStatus()).isEqualTo(503);
  }
}
