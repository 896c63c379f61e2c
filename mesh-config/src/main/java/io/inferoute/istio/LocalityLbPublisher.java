package io.inferoute.istio;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes a service's locality setting somewhere: the Kubernetes API, a GitOps directory, or a log.
 *
 * <p>Implementations are called from the {@link WeightPublisher} thread only, never from a request
 * thread, and check the setting with {@link LocalityLbValidator} before writing anything.
 */
public interface LocalityLbPublisher {

  /**
   * Publishes the setting into the target's DestinationRule.
   *
   * @throws PublishException classified for counting and retrying; nothing (or nothing new) was written
   */
  PublishReceipt publish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException;

  /**
   * Server-side apply of {@code spec.trafficPolicy.loadBalancer.localityLbSetting} with field manager
   * {@code inferoute}; a missing rule is created with its host and the setting only.
   *
   * @param forceConflicts take the field over from another manager instead of reporting a conflict
   */
  static LocalityLbPublisher kubernetes(KubernetesClient client, boolean forceConflicts) {
    return new KubernetesPublisher(client, forceConflicts);
  }

  /** One YAML file per rule in {@code directory}, replaced atomically, for a GitOps repository. */
  static LocalityLbPublisher file(Path directory) {
    return new FilePublisher(directory);
  }

  /** Writes nothing: hands each change, as a diff against the last one, to {@code log}. */
  static LocalityLbPublisher dryRun(Consumer<String> log) {
    return new DryRunPublisher(log);
  }
}
