package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IstioRendererTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final RoutingPolicy POLICY = RoutingPolicy.of("mixed", List.of(
      EndpointSpec.builder("edge-paris").address("10.0.0.5:8000").tier("edge-gpu").locality("eu-west/paris-edge")
          .models("llama").maxConcurrency(16).build(),
      EndpointSpec.builder("edge-lyon").address("10.0.0.6:8000").tier("edge-gpu").locality("eu-west/lyon-edge")
          .models("llama").maxConcurrency(48).build(),
      EndpointSpec.builder("npu-fra").address("npu.inference.svc.cluster.local:8000").tier("regional-npu")
          .locality("eu-central/fra-1").models("llama").build(),
      EndpointSpec.builder("cloud").address("api.cloud.example.com:443").tier("cloud").locality("us-east1")
          .models("llama").build()), List.<RouteSpec>of());

  private static final RenderOptions OPTIONS = RenderOptions.defaults()
      .withGatewayLocalities(Rows.gateways("eu-west/paris-edge", "eu-central/fra-1"));

  private static List<JsonNode> render(RoutingPolicy policy, String text, RenderOptions options) {
    return TestFiles.readAll(IstioRenderer.render(policy, text, options));
  }

  private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  @Test
  void rendersEveryPieceInDeploymentOrder() {
    List<JsonNode> docs = render(POLICY, "kind: RoutingPolicy\n", OPTIONS);

    assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly(
        "DestinationRule", "DestinationRule", "EnvoyFilter", "ServiceEntry", "ServiceAccount",
        "Role", "RoleBinding", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
        "ConfigMap", "Deployment", "Service", "PodDisruptionBudget");
  }

  @Test
  void destinationRulesCarryOutlierDetectionAndWeightsFromDeclaredCapacity() {
    JsonNode edge = ofKind(render(POLICY, "", OPTIONS), "DestinationRule").get(0);

    assertThat(edge.at("/spec/host").asText()).isEqualTo("edge-gpu.inference.svc.cluster.local");
    assertThat(edge.at("/spec/trafficPolicy/outlierDetection/consecutive5xxErrors").asInt()).isEqualTo(5);
    JsonNode paris = edge.at("/spec/trafficPolicy/loadBalancer/localityLbSetting/distribute/1");
    assertThat(paris.path("from").asText()).isEqualTo("eu-west/paris-edge/*");
    // 16 slots at preference 1 against 48 at 0.5: 1 + 98 × 16/40 and 1 + 98 × 24/40.
    assertThat(paris.path("to").path("eu-west/paris-edge/*").asInt()).isEqualTo(40);
    assertThat(paris.path("to").path("eu-west/lyon-edge/*").asInt()).isEqualTo(60);
    assertThat(LocalityLbValidator.checkDestinationRule(edge).errors()).isEmpty();
  }

  @Test
  void istioResourcesPassTheCrdSchemasAndTheWebhookRules() {
    IstioSchemas schemas = IstioTestFiles.schemas();
    List<JsonNode> istio = render(POLICY, "", OPTIONS).stream()
        .filter(d -> d.path("apiVersion").asText().startsWith("networking.istio.io/")).toList();

    assertThat(istio).hasSize(4);
    for (JsonNode doc : istio) {
      assertThat(schemas.covers(doc)).as("%s", doc.path("kind")).isTrue();
      assertThat(schemas.violations(doc)).as("%s", doc).isEmpty();
      assertThat(LocalityLbValidator.checkDestinationRule(doc).errors()).isEmpty();
    }
  }

  @Test
  void kubernetesResourcesReadAsFabric8ModelsWithoutUnknownFields() {
    List<JsonNode> docs = render(POLICY, "spec: {}\n", OPTIONS).stream()
        .filter(d -> !d.path("apiVersion").asText().startsWith("networking.istio.io/")).toList();

    assertThat(docs).hasSize(11);
    for (JsonNode doc : docs) {
      HasMetadata model = SERIALIZATION.unmarshal(doc.toString(), HasMetadata.class);
      assertThat(model.getKind()).isEqualTo(doc.path("kind").asText());
      assertThat(model.getClass().getName()).startsWith("io.fabric8.kubernetes.api.model");
      assertThat(ModelStrictness.unknownFields(model)).as("%s", doc).isEmpty();
    }
  }

  @Test
  void theStrictnessCheckFindsAMisspeltField() {
    String deployment = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"},"
        + "\"spec\":{\"replica\":2,\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"imagePullPolice\":\"Always\"}]}}}}";

    HasMetadata model = SERIALIZATION.unmarshal(deployment, HasMetadata.class);

    assertThat(ModelStrictness.unknownFields(model)).hasSize(2)
        .anyMatch(p -> p.endsWith("unknown [replica]")).anyMatch(p -> p.endsWith("unknown [imagePullPolice]"));
  }

  @Test
  void theServiceNamesItsGrpcPortWithAppProtocolGrpc() {
    JsonNode service = ofKind(render(POLICY, "", OPTIONS), "Service").get(0);

    assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("grpc");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(9002);
    assertThat(service.at("/spec/ports/0/appProtocol").asText()).isEqualTo("grpc");
  }

  @Test
  void rbacGrantsWhatTheSidePathUsesAndNoMore() {
    List<JsonNode> docs = render(POLICY, "", OPTIONS);
    List<String> grants = new ArrayList<>();
    for (JsonNode role : docs) {
      if (role.path("kind").asText().endsWith("Role")) {
        for (JsonNode rule : role.path("rules")) {
          grants.add(role.at("/metadata/namespace").asText("*") + " " + rule.at("/resources/0").asText()
              + " " + rule.path("verbs"));
        }
      }
    }

    assertThat(grants).containsExactly(
        "inferoute-system leases [\"get\",\"list\",\"watch\",\"create\",\"update\",\"patch\"]",
        "inferoute-system endpointslices [\"get\",\"list\",\"watch\"]",
        "inference destinationrules [\"get\",\"list\",\"watch\",\"create\",\"patch\"]",
        "inference endpointslices [\"get\",\"list\",\"watch\"]",
        "* nodes [\"get\",\"list\",\"watch\"]");
  }

  @Test
  void theEnvoyFilterCallsInferoutesOwnServiceAndFailsOpen() {
    JsonNode filter = ofKind(render(POLICY, "", OPTIONS), "EnvoyFilter").get(0);

    JsonNode extProc = filter.at("/spec/configPatches/1/patch/value/typed_config");
    assertThat(extProc.at("/grpc_service/envoy_grpc/cluster_name").asText())
        .isEqualTo("outbound|9002||inferoute.inferoute-system.svc.cluster.local");
    assertThat(extProc.path("failure_mode_allow").asBoolean()).isTrue();
    assertThat(filter.at("/metadata/namespace").asText()).isEqualTo("istio-system");
  }

  @Test
  void cloudHostsGetAServiceEntryWithTheirLocality() {
    JsonNode entry = ofKind(render(POLICY, "", OPTIONS), "ServiceEntry").get(0);

    assertThat(entry.at("/spec/hosts/0").asText()).isEqualTo("api.cloud.example.com");
    assertThat(entry.at("/spec/location").asText()).isEqualTo("MESH_EXTERNAL");
    assertThat(entry.at("/spec/ports/0/protocol").asText()).isEqualTo("TLS");
    assertThat(entry.at("/spec/endpoints/0/locality").asText()).isEqualTo("us-east1");
  }

  @Test
  void everyExamplePolicyRendersResourcesIstioAccepts() throws IOException {
    IstioSchemas schemas = IstioTestFiles.schemas();
    Path dir = TestFiles.repoRoot().resolve("docs/examples");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      PolicyLoadResult loaded = PolicyLoader.load(file);
      String text = Files.readString(file);
      for (JsonNode doc : render(loaded.requirePolicy(), text, OPTIONS)) {
        if (schemas.covers(doc)) {
          assertThat(schemas.violations(doc)).as("%s %s", file, doc).isEmpty();
          assertThat(LocalityLbValidator.checkDestinationRule(doc).errors()).as("%s", file).isEmpty();
        }
      }
    }
  }
}
