package io.inferoute.policy;

/** Small valid policy texts for tests. */
final class TestPolicies {
  private TestPolicies() {}

  /** A valid policy named {@code name} with {@code endpoints} edge endpoints on ports 18001... */
  static String valid(String name, int endpoints) {
    StringBuilder sb = new StringBuilder("""
        apiVersion: inferoute.io/v1alpha1
        kind: RoutingPolicy
        metadata: {name: %s}
        spec:
          tiers: [edge-gpu]
          endpoints:
        """.formatted(name));
    for (int i = 0; i < endpoints; i++) {
      sb.append("""
              - name: %s-e%d
                address: 127.0.0.1:%d
                tier: edge-gpu
                locality: local/edge-a
                models: [llama-3.1-8b]
          """.formatted(name, i, 18001 + i));
    }
    return sb.toString();
  }

  /** A policy with one mistake: an unknown field. */
  static String invalid(String name) {
    return valid(name, 1).replace("tier: edge-gpu", "tear: edge-gpu");
  }
}
