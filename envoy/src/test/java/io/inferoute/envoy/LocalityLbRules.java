package io.inferoute.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.inferoute.istio.LocalityLbValidator;
import java.util.List;

/**
 * istiod's webhook rules for {@code localityLbSetting}, which the CRD schema does not encode, as
 * the envoy examples' tests ask for them: a thin view of the production
 * {@link LocalityLbValidator}, so the examples are held to exactly the rules the publisher obeys.
 */
final class LocalityLbRules {

  /** What istiod would reject ({@code errors}) and what it accepts with a warning. */
  record Findings(List<String> errors, List<String> warnings) {}

  private LocalityLbRules() {}

  /** Checks every traffic policy of a DestinationRule spec: top level, per port and per subset. */
  static Findings check(JsonNode destinationRuleSpec) {
    JsonNode rule = JsonNodeFactory.instance.objectNode().set("spec", destinationRuleSpec.deepCopy());
    LocalityLbValidator.Findings f = LocalityLbValidator.checkDestinationRule(rule);
    return new Findings(f.errors(), f.warnings());
  }
}
