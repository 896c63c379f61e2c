package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.inferoute.istio.IstioTestFiles;
import io.inferoute.testing.TestFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EnvoyFilter: CRD-valid, every patch.value an Envoy proto, and the ext_proc contract kept. */
class EnvoyFilterExampleTest {

  private static final String INFEROUTE_CLUSTER =
      "outbound|9002||inferoute.inferoute-system.svc.cluster.local";
  private static final JsonNode FILTER =
      TestFiles.readOne(TestFiles.moduleFile("envoy", "istio/envoyfilter-ext-proc.yaml"));
  private static final JsonNode PATCHES = FILTER.path("spec").path("configPatches");

  @Test
  void validatesAgainstTheEnvoyFilterCrd() {
    assertThat(IstioTestFiles.schemas().violations(FILTER)).isEmpty();
  }

  @Test
  void everyPatchValueParsesIntoTheProtoItsApplyToNames() {
    List<Message> values = parsedValues();

    assertThat(values).hasSize(PATCHES.size());
    assertThat(values).extracting(m -> m.getDescriptorForType().getName())
        .containsExactly("HttpFilter", "HttpFilter", "Route", "Cluster", "Cluster");
  }

  @Test
  void everyPatchAppliesToTheGatewayOnly() {
    for (JsonNode patch : PATCHES) {
      assertThat(patch.path("match").path("context").asText()).isEqualTo("GATEWAY");
    }
  }

  @Test
  void insertsHeaderStripThenExtProcImmediatelyBeforeTheRouter() {
    // Each INSERT_BEFORE router lands right before it, so list order is chain order.
    List<String> inserted = new ArrayList<>();
    for (JsonNode patch : PATCHES) {
      if (patch.path("applyTo").asText().equals("HTTP_FILTER")) {
        assertThat(patch.path("patch").path("operation").asText()).isEqualTo("INSERT_BEFORE");
        assertThat(patch.at("/match/listener/filterChain/filter/subFilter/name").asText())
            .isEqualTo(EnvoyConfigs.ROUTER);
        inserted.add(patch.at("/patch/value/name").asText());
      }
    }
    assertThat(inserted).containsExactly(EnvoyConfigs.HEADER_MUTATION, EnvoyConfigs.EXT_PROC);
    HeaderMutation strip = EnvoyConfigs.unpack(filter(0).getTypedConfig(), HeaderMutation.class);
    assertThat(strip.getMutations().getRequestMutationsList()).extracting(m -> m.getRemove())
        .contains(EnvoyConfigs.DESTINATION_HEADER);
  }

  @Test
  void extProcCallsInferouteThroughIstiosOutboundClusterAndFailsOpen() {
    ExternalProcessor extProc = EnvoyConfigs.unpack(filter(1).getTypedConfig(), ExternalProcessor.class);

    assertThat(extProc.getGrpcService().getEnvoyGrpc().getClusterName()).isEqualTo(INFEROUTE_CLUSTER);
    assertThat(extProc.getFailureModeAllow()).isTrue();
    assertThat(extProc.getMetadataOptions().getReceivingNamespaces().getUntypedList()).contains("envoy.lb");
    assertThat(extProc.getAllowModeOverride()).isFalse();
    assertThat(ExtProcConfigRules.violations(extProc)).isEmpty();
  }

  @Test
  void placedRequestsRouteFirstToTheAddedOriginalDstCluster() {
    assertThat(PATCHES.get(2).at("/patch/operation").asText()).isEqualTo("INSERT_FIRST");
    Route route = (Route) parse(PATCHES.get(2));
    Cluster cluster = (Cluster) parse(PATCHES.get(3));

    assertThat(route.getMatch().getHeaders(0).getName()).isEqualTo(EnvoyConfigs.DESTINATION_HEADER);
    assertThat(route.getMatch().getHeaders(0).getPresentMatch()).isTrue();
    assertThat(route.getRoute().getCluster()).isEqualTo(cluster.getName());
    assertThat(PATCHES.get(3).at("/patch/operation").asText()).isEqualTo("ADD");
    assertThat(cluster.getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
    assertThat(cluster.getLbPolicy()).isEqualTo(Cluster.LbPolicy.CLUSTER_PROVIDED);
    assertThat(cluster.getOriginalDstLbConfig().getHttpHeaderName()).isEqualTo(EnvoyConfigs.DESTINATION_HEADER);
  }

  @Test
  void inferouteClusterGetsHttp2AndAGrpcHealthCheck() {
    JsonNode patch = PATCHES.get(4);
    assertThat(patch.at("/match/cluster/name").asText()).isEqualTo(INFEROUTE_CLUSTER);
    assertThat(patch.at("/patch/operation").asText()).isEqualTo("MERGE");
    Cluster merge = (Cluster) parse(patch);

    assertThat(EnvoyConfigs.httpProtocolOptions(merge).getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
    assertThat(merge.getHealthChecks(0).getGrpcHealthCheck().getServiceName())
        .isEqualTo(EnvoyConfigs.EXT_PROC_SERVICE);
  }

  private static List<Message> parsedValues() {
    List<Message> values = new ArrayList<>();
    for (JsonNode patch : PATCHES) {
      values.add(parse(patch));
    }
    return values;
  }

  private static Message parse(JsonNode patch) {
    return EnvoyProtos.parse(patch.path("patch").path("value"),
        EnvoyProtos.builderForApplyTo(patch.path("applyTo").asText()));
  }

  private static HttpFilter filter(int index) {
    return (HttpFilter) parse(PATCHES.get(index));
  }
}
