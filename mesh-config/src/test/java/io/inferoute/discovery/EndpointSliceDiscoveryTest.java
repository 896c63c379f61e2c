package io.inferoute.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EndpointSliceDiscoveryTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final DiscoverySettings SETTINGS =
      new DiscoverySettings("inference", Map.of("inferoute.io/discover", "true"), "http", "edge-gpu", 32);

  KubernetesClient client;
  KubernetesMockServer server;
  private final AtomicReference<List<EndpointSpec>> seen = new AtomicReference<>();
  private EndpointSliceDiscovery discovery;

  @AfterEach
  void stop() {
    if (discovery != null) {
      discovery.close();
    }
  }

  private void node(String name, String region, String zone) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("topology.kubernetes.io/region", region).addToLabels("topology.kubernetes.io/zone", zone)
        .endMetadata().build()).create();
  }

  private static EndpointSlice slice(String name, Map<String, String> labels, boolean secondReady) {
    return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("inference")
        .addToLabels(labels).addToLabels("inferoute.io/discover", "true")
        .addToLabels("kubernetes.io/service-name", "vllm-llama").endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("metrics").withPort(9100).endPort()
        .addNewPort().withName("http").withPort(8000).endPort()
        .withEndpoints(
            new EndpointBuilder().withAddresses("10.1.0.5").withNodeName("node-paris")
                .withNewConditions().withReady(true).endConditions().build(),
            new EndpointBuilder().withAddresses("10.1.0.6").withNodeName("node-lyon")
                .withNewConditions().withReady(secondReady).endConditions().build(),
            new EndpointBuilder().withAddresses("10.1.0.7").withNodeName("node-paris")
                .withNewConditions().withReady(true).withTerminating(true).endConditions().build())
        .build();
  }

  private List<String> names() {
    List<EndpointSpec> list = seen.get();
    return list == null ? List.of("<nothing yet>") : list.stream().map(EndpointSpec::name).toList();
  }

  @Test
  void turnsReadyEndpointsIntoSpecsWithNodeLocalityAndServiceLabels() {
    node("node-paris", "eu-west", "paris-edge");
    node("node-lyon", "eu-west", "lyon-edge");
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("vllm-llama-abc",
        Map.of("inferoute.io/tier", "regional-npu", "inferoute.io/hardware", "npu",
            "inferoute.io/models", "llama-3.1-8b_mistral-7b"), true)).create();

    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);

    await().atMost(BOUND).until(() -> names().size() == 2);
    EndpointSpec paris = seen.get().get(0);
    assertThat(paris.name()).isEqualTo("vllm-llama-10-1-0-5-8000");
    assertThat(paris.address().toString()).isEqualTo("10.1.0.5:8000");
    assertThat(paris.locality()).isEqualTo(new Locality("eu-west", "paris-edge", ""));
    assertThat(paris.tier()).isEqualTo("regional-npu");
    assertThat(paris.hardware()).containsExactly("npu");
    assertThat(paris.models()).containsExactlyInAnyOrder("llama-3.1-8b", "mistral-7b");
    assertThat(paris.maxConcurrency()).isEqualTo(32);
    assertThat(seen.get().get(1).locality().zone()).isEqualTo("lyon-edge");
  }

  @Test
  void anEndpointThatTurnsUnreadyOrIsDeletedLeavesTheList() {
    node("node-paris", "eu-west", "paris-edge");
    node("node-lyon", "eu-west", "lyon-edge");
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("s1", Map.of(), true)).create();
    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);
    await().atMost(BOUND).until(() -> names().size() == 2);

    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("s1", Map.of(), false)).update();
    await().atMost(BOUND).until(() -> names().equals(List.of("vllm-llama-10-1-0-5-8000")));
    assertThat(seen.get().get(0).tier()).isEqualTo("edge-gpu");
    assertThat(seen.get().get(0).models()).containsExactly("vllm-llama");

    client.discovery().v1().endpointSlices().inNamespace("inference").withName("s1").delete();
    await().atMost(BOUND).until(() -> names().isEmpty());
  }

  @Test
  void ignoresSlicesWithoutTheSelectorLabels() {
    EndpointSlice other = slice("other", Map.of(), true);
    other.getMetadata().getLabels().remove("inferoute.io/discover");
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(other).create();

    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);

    await().atMost(BOUND).until(() -> seen.get() != null);
    assertThat(seen.get()).isEmpty();
  }

  @Test
  void aNodeWithoutTopologyLabelsGivesAnUnknownLocality() {
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("s1", Map.of(), true)).create();

    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);

    await().atMost(BOUND).until(() -> names().size() == 2);
    assertThat(seen.get()).extracting(EndpointSpec::locality).containsOnly(Locality.UNKNOWN);
  }

  @Test
  void aNodeRelabelledIntoAnotherZoneMovesItsEndpoints() {
    node("node-paris", "eu-west", "paris-edge");
    node("node-lyon", "eu-west", "lyon-edge");
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("s1", Map.of(), true)).create();
    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);
    await().atMost(BOUND).until(() -> names().size() == 2);

    client.nodes().withName("node-lyon").edit(n -> new NodeBuilder(n).editMetadata()
        .addToLabels("topology.kubernetes.io/zone", "lyon-edge-2").endMetadata().build());

    await().atMost(BOUND).until(() -> seen.get().get(1).locality().zone().equals("lyon-edge-2"));
    assertThat(discovery.current()).isEqualTo(seen.get());
  }

  private static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/inference/endpointslices";
  private static final String SELECTOR = "labelSelector=inferoute.io%2Fdiscover%3Dtrue";

  private static io.fabric8.kubernetes.api.model.Status serverError() {
    return new StatusBuilder().withStatus("Failure").withCode(500).withMessage("etcd leader changed").build();
  }

  private long requestsTo(String path) throws InterruptedException {
    long count = 0;
    for (int i = server.getRequestCount(); i > 0; i--) {
      count += path.equals(server.takeRequest().getPath()) ? 1 : 0;
    }
    return count;
  }

  @Test
  void aFailedWatchIsStartedAgainAndChangesStillArrive() throws InterruptedException {
    String watch = SLICES + "?allowWatchBookmarks=true&" + SELECTOR + "&resourceVersion=0&timeoutSeconds=600&watch=true";
    server.expect().get().withPath(watch).andReturn(500, serverError()).once();
    discovery = EndpointSliceDiscovery.start(client, SETTINGS, seen::set);
    await().atMost(BOUND).until(() -> seen.get() != null);

    node("node-paris", "eu-west", "paris-edge");
    node("node-lyon", "eu-west", "lyon-edge");
    client.discovery().v1().endpointSlices().inNamespace("inference").resource(slice("s1", Map.of(), true)).create();

    await().atMost(BOUND).until(() -> names().size() == 2);
    assertThat(requestsTo(watch)).isGreaterThanOrEqualTo(2);
  }

  /**
   * A CRUD mock server of the test's own, whose client answers 5xx without retrying (so the informer
   * sees the failure). It must be destroyed while its client is still open: with Vert.x 5 on the test
   * classpath, the server's close sends a Close frame to every open watch WebSocket and waits for the
   * answer (up to 10 s, the same budget the mock server gives its own close); a JDK client already
   * closed has shut its executor down and never answers. The extension's server is safe from this
   * because it is destroyed before the extension's client.
   */
  private static final class OwnServer implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient noRetries;

    OwnServer() {
      Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
      server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
          responses, new KubernetesMixedDispatcher(responses), true);
      server.init();
      noRetries = server.createClient(builder -> builder.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    @Override
    public void close() {
      try {
        server.destroy();
      } finally {
        noRetries.close();
      }
    }
  }

  @Test
  void aFailedListIsCountedAndRetried() {
    try (OwnServer own = new OwnServer()) {
      own.server.expect().get().withPath(SLICES + "?" + SELECTOR + "&resourceVersion=0")
          .andReturn(500, serverError()).once();
      own.noRetries.discovery().v1().endpointSlices().inNamespace("inference")
          .resource(slice("s1", Map.of(), true)).create();
      discovery = EndpointSliceDiscovery.start(own.noRetries, SETTINGS, seen::set);

      await().atMost(BOUND).until(() -> names().size() == 2);
      assertThat(discovery.watchErrors()).isEqualTo(1);
      discovery.close(); // before the server, as @AfterEach would be too late for it
    }
  }

  @Test
  void ownServerClosesPromptlyWithAWatchStillOpen() {
    OwnServer own = new OwnServer();
    // Left open on purpose: closed client-first, this watch held the server's close for 10 s and failed it.
    own.noRetries.nodes().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Node node) {}

      @Override
      public void onClose(WatcherException cause) {}
    });

    assertThatCode(own::close).doesNotThrowAnyException();
  }
}
