package io.inferoute.istio;

import io.inferoute.internal.Checks;

/**
 * Which DestinationRule carries a service's locality weights.
 *
 * @param service the destination service as the telemetry names it
 * @param namespace the rule's namespace
 * @param name the rule's name
 * @param host the rule's {@code spec.host}, e.g. {@code vllm-llama.inference.svc.cluster.local}
 */
public record DestinationRuleTarget(String service, String namespace, String name, String host) {
  public DestinationRuleTarget {
    Checks.name("service", service);
    Checks.name("namespace", namespace);
    Checks.name("name", name);
    Checks.name("host", host);
  }

  /** {@code namespace/name}, for messages and file names. */
  public String ref() {
    return namespace + "/" + name;
  }
}
