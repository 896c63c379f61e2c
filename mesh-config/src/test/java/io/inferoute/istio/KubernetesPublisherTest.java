package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.testing.TestFiles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesPublisherTest {

  private static final DestinationRuleTarget TARGET =
      new DestinationRuleTarget("llm", "inference", "llm-locality", "llm.inference.svc.cluster.local");
  private static final String PATH = "/apis/networking.istio.io/v1/namespaces/inference/destinationrules/llm-locality";
  private static final LocalityLbSetting WEIGHTS = new LocalityLbSetting(List.of(
      new Distribute("eu/a/*", Map.of("eu/a/*", 70, "eu/b/*", 30))), List.of());

  KubernetesMockServer server;
  KubernetesClient client;

  private GenericKubernetesResource stored() {
    return client.genericKubernetesResources(KubernetesPublisher.DESTINATION_RULE).inNamespace("inference")
        .withName("llm-locality").get();
  }

  /** The rule as its owner (GitOps, an operator) wrote it: host, LB policy, outlier detection, a subset. */
  private void createOwnersRule() {
    Map<String, Object> rule = DestinationRules.weightsOnly(TARGET, LocalityLbSetting.DEFAULT);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) rule.get("spec");
    spec.put("trafficPolicy", Map.of("loadBalancer", Map.of("simple", "LEAST_REQUEST"),
        "outlierDetection", Map.of("consecutive5xxErrors", 7, "interval", "5s")));
    spec.put("subsets", List.of(Map.of("name", "v1", "labels", Map.of("version", "v1"))));
    client.genericKubernetesResources(KubernetesPublisher.DESTINATION_RULE).inNamespace("inference")
        .resource(Yaml.JSON.convertValue(rule, GenericKubernetesResource.class)).create();
  }

  /** The fabric8 client retries 5xx itself; these tests look at one answer, WeightPublisher does the retrying. */
  private KubernetesClient noRetries(int requestTimeoutMillis) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestTimeout(requestTimeoutMillis).withRequestRetryBackoffLimit(0).build()).build();
  }

  /**
   * The mock server's CRUD mode answers a server-side apply with 415, so an expectation stands in for
   * the API server: it answers the apply with the rule as the API server would merge it.
   */
  @SuppressWarnings("unchecked")
  private void expectApply(String query) {
    GenericKubernetesResource merged = stored();
    Map<String, Object> rule = Yaml.JSON.convertValue(merged, Map.class);
    rule.put("spec", merge((Map<String, Object>) rule.get("spec"), (Map<String, Object>) DestinationRules.applyIntent(TARGET, WEIGHTS).get("spec")));
    server.expect().patch().withPath(PATH + query).andReturn(200, rule).once();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(base);
    patch.forEach((k, v) -> out.merge(k, v, (a, b) -> a instanceof Map && b instanceof Map
        ? merge((Map<String, Object>) a, (Map<String, Object>) b) : b));
    return out;
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }

  private PublishOutcome failureOf(KubernetesClient c, LocalityLbSetting setting) {
    try {
      LocalityLbPublisher.kubernetes(c, false).publish(TARGET, setting);
      throw new AssertionError("published (expected: a PublishException)");
    } catch (PublishException e) {
      return e.outcome();
    }
  }

  @Test
  void createsAMissingRuleWithItsHostAndWarnsThatItHasNoOutlierDetection() throws Exception {
    PublishReceipt receipt = LocalityLbPublisher.kubernetes(client, false).publish(TARGET, WEIGHTS);

    assertThat(receipt.outcome()).isEqualTo(PublishOutcome.APPLIED);
    assertThat(receipt.warnings()).singleElement().asString().contains("outlierDetection: absent");
    Object host = stored().get("spec", "host");
    Object to = stored().get("spec", "trafficPolicy", "loadBalancer", "localityLbSetting", "distribute", 0, "to");
    assertThat(host).isEqualTo(TARGET.host());
    assertThat(to).isEqualTo(Map.of("eu/a/*", 70, "eu/b/*", 30));
  }

  @Test
  @SuppressWarnings("unchecked")
  void appliesOnlyTheLocalitySettingAsFieldManagerInferoute() throws Exception {
    createOwnersRule();
    expectApply("?fieldManager=inferoute");

    PublishReceipt receipt = LocalityLbPublisher.kubernetes(client, false).publish(TARGET, WEIGHTS);

    assertThat(receipt).isEqualTo(new PublishReceipt(PublishOutcome.APPLIED, List.of()));
    RecordedRequest apply = server.getLastRequest();
    assertThat(apply.getMethod()).isEqualTo("PATCH");
    assertThat(apply.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(apply.getPath()).startsWith(PATH).contains("fieldManager=inferoute").doesNotContain("force=true");
    // The intent names the one owned field: nothing of host, LB policy, outlier detection or subsets.
    var intent = TestFiles.readAll(apply.getBody().readUtf8()).get(0);
    assertThat(intent.path("spec").fieldNames()).toIterable().containsExactly("trafficPolicy");
    assertThat(intent.at("/spec/trafficPolicy").fieldNames()).toIterable().containsExactly("loadBalancer");
    assertThat(intent.at("/spec/trafficPolicy/loadBalancer").fieldNames()).toIterable()
        .containsExactly("localityLbSetting");
  }

  @Test
  @SuppressWarnings("unchecked")
  void forcesConflictsOnlyWhenTold() throws Exception {
    createOwnersRule();
    expectApply("?fieldManager=inferoute&force=true");

    LocalityLbPublisher.kubernetes(client, true).publish(TARGET, WEIGHTS);

    assertThat(server.getLastRequest().getPath()).contains("force=true");
  }

  @Test
  void writesNothingWhenTheRuleAlreadyCarriesTheWeights() throws Exception {
    LocalityLbPublisher publisher = LocalityLbPublisher.kubernetes(client, false);
    publisher.publish(TARGET, WEIGHTS);
    int requests = server.getRequestCount();

    PublishReceipt again = publisher.publish(TARGET, WEIGHTS);

    assertThat(again.outcome()).isEqualTo(PublishOutcome.UNCHANGED);
    assertThat(server.getRequestCount()).isEqualTo(requests + 1);
    assertThat(server.getLastRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void refusesASettingIstiodWouldRejectBeforeSendingIt() throws InterruptedException {
    createOwnersRule();
    int requests = server.getRequestCount();
    LocalityLbSetting bad = new LocalityLbSetting(List.of(new Distribute("eu/*", Map.of("eu/*", 99))), List.of());

    assertThat(failureOf(client, bad)).isEqualTo(PublishOutcome.INVALID);
    assertThat(server.getRequestCount()).isEqualTo(requests + 1);
    assertThat(server.getLastRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void aFieldOwnedByAnotherManagerIsAConflict() {
    createOwnersRule();
    server.expect().patch().withPath(PATH + "?fieldManager=inferoute")
        .andReturn(409, status(409, "Conflict", "Apply failed with 1 conflict: conflict with \"argocd\"")).once();

    assertThat(failureOf(client, WEIGHTS)).isEqualTo(PublishOutcome.CONFLICT);
  }

  @Test
  void aWebhookRejectionIsReportedAsRejected() {
    createOwnersRule();
    server.expect().patch().withPath(PATH + "?fieldManager=inferoute")
        .andReturn(422, status(422, "Invalid", "admission webhook \"validation.istio.io\" denied the request")).once();

    assertThatThrownBy(() -> LocalityLbPublisher.kubernetes(client, false).publish(TARGET, WEIGHTS))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("HTTP 422").hasMessageContaining("validation.istio.io")
        .extracting(e -> ((PublishException) e).outcome()).isEqualTo(PublishOutcome.REJECTED);
  }

  @Test
  void aServerErrorIsReportedAsServerError() {
    server.expect().get().withPath(PATH).andReturn(500, status(500, "InternalError", "etcd unavailable")).once();

    try (KubernetesClient once = noRetries(10_000)) {
      assertThat(failureOf(once, WEIGHTS)).isEqualTo(PublishOutcome.SERVER_ERROR);
    }
  }

  @Test
  void noAnswerInTimeIsATimeout() {
    createOwnersRule();
    server.expect().get().delay(3, TimeUnit.SECONDS).withPath(PATH).andReturn(200, stored()).once();
    try (KubernetesClient impatient = noRetries(200)) {

      assertThat(failureOf(impatient, WEIGHTS)).isEqualTo(PublishOutcome.TIMEOUT);
    }
  }
}
