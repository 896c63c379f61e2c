package io.inferoute.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes through the Kubernetes API: server-side apply of the DestinationRule's
 * {@code spec.trafficPolicy.loadBalancer.localityLbSetting} with field manager {@code inferoute}.
 *
 * <p>The apply intent holds that one field, so the API server records Inferoute as the owner of it
 * alone; host, outlier detection and the rest stay with whoever wrote them. The rule is read first:
 * to skip a write when the weights are already there, to warn when it has no outlier detection
 * (locality failover needs it), and to create a missing rule with its host (an apply without
 * {@code spec.host} would be rejected). Errors are classified for {@link WeightPublisher}'s retries.
 */
final class KubernetesPublisher implements LocalityLbPublisher {

  /** The field manager Inferoute applies as. */
  static final String FIELD_MANAGER = "inferoute";

  static final ResourceDefinitionContext DESTINATION_RULE = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1").withKind(DestinationRules.KIND)
      .withPlural("destinationrules").withNamespaced(true).build();

  private static final System.Logger LOG = System.getLogger(KubernetesPublisher.class.getName());

  private final KubernetesClient client;
  private final boolean forceConflicts;

  KubernetesPublisher(KubernetesClient client, boolean forceConflicts) {
    this.client = client;
    this.forceConflicts = forceConflicts;
  }

  @Override
  public PublishReceipt publish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException {
    try {
      return tryPublish(target, setting);
    } catch (KubernetesClientException e) {
      throw new PublishException(classify(e), target.ref() + ": " + describe(e), e);
    }
  }

  private PublishReceipt tryPublish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException {
    Resource<GenericKubernetesResource> rule = client.genericKubernetesResources(DESTINATION_RULE)
        .inNamespace(target.namespace()).withName(target.name());
    GenericKubernetesResource existing = rule.get();
    List<String> warnings = new ArrayList<>();
    if (existing == null) {
      requireValid(target, Yaml.tree(DestinationRules.weightsOnly(target, setting)));
      warnings.add(noOutlierDetection(target));
      client.genericKubernetesResources(DESTINATION_RULE).inNamespace(target.namespace())
          .resource(resource(DestinationRules.weightsOnly(target, setting))).create();
      return receipt(PublishOutcome.APPLIED, warnings);
    }
    Map<String, Object> merged = withSetting(existing, setting);
    requireValid(target, Yaml.tree(merged));
    if (!hasOutlierDetection(existing)) {
      warnings.add(noOutlierDetection(target));
    }
    if (Yaml.tree(currentSetting(existing)).equals(Yaml.tree(setting.toMap()))) {
      return receipt(PublishOutcome.UNCHANGED, warnings);
    }
    ServerSideApplicable<GenericKubernetesResource> apply = client.genericKubernetesResources(DESTINATION_RULE)
        .inNamespace(target.namespace()).resource(resource(DestinationRules.applyIntent(target, setting)))
        .fieldManager(FIELD_MANAGER);
    (forceConflicts ? apply.forceConflicts() : apply).serverSideApply();
    return receipt(PublishOutcome.APPLIED, warnings);
  }

  private static PublishReceipt receipt(PublishOutcome outcome, List<String> warnings) {
    warnings.forEach(w -> LOG.log(Level.WARNING, w));
    return new PublishReceipt(outcome, warnings);
  }

  private static void requireValid(DestinationRuleTarget target, JsonNode rule)
      throws PublishException {
    LocalityLbValidator.Findings findings = LocalityLbValidator.checkDestinationRule(rule);
    if (!findings.valid()) {
      throw new PublishException(PublishOutcome.INVALID, target.ref() + ": " + findings.errors());
    }
  }

  private static String noOutlierDetection(DestinationRuleTarget target) {
    return target.ref() + ": spec.trafficPolicy.outlierDetection: absent"
        + " (expected: outlier detection, or Envoy keeps sending traffic to failing endpoints of a weighted locality)";
  }

  private static GenericKubernetesResource resource(Map<String, Object> map) {
    return Yaml.JSON.convertValue(map, GenericKubernetesResource.class);
  }

  /** The existing rule as a map with the new setting in place: what istiod will validate. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withSetting(GenericKubernetesResource existing, LocalityLbSetting setting) {
    Map<String, Object> rule = Yaml.JSON.convertValue(existing, Map.class);
    Map<String, Object> spec = (Map<String, Object>) rule.computeIfAbsent("spec", k -> new LinkedHashMap<>());
    Map<String, Object> policy = (Map<String, Object>) spec.computeIfAbsent("trafficPolicy", k -> new LinkedHashMap<>());
    Map<String, Object> lb = (Map<String, Object>) policy.computeIfAbsent("loadBalancer", k -> new LinkedHashMap<>());
    lb.put("localityLbSetting", setting.toMap());
    return rule;
  }

  private static Object currentSetting(GenericKubernetesResource existing) {
    Object value = existing.get("spec", "trafficPolicy", "loadBalancer", "localityLbSetting");
    return value == null ? Map.of() : value;
  }

  private static boolean hasOutlierDetection(GenericKubernetesResource existing) {
    return existing.get("spec", "trafficPolicy", "outlierDetection") != null;
  }

  /** 409 conflict, 422/400 rejection, 5xx, timeouts; the rest is {@link PublishOutcome#ERROR}. */
  static PublishOutcome classify(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 409) {
      return PublishOutcome.CONFLICT;
    }
    if (code == 422 || code == 400) {
      return PublishOutcome.REJECTED;
    }
    if (code >= 500) {
      return PublishOutcome.SERVER_ERROR;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException || t instanceof TimeoutException
          || t instanceof HttpTimeoutException) {
        return PublishOutcome.TIMEOUT;
      }
    }
    return PublishOutcome.ERROR;
  }

  private static String describe(KubernetesClientException e) {
    String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "";
    return "HTTP " + e.getCode() + " " + (status.isEmpty() ? String.valueOf(e.getMessage()) : status);
  }
}
