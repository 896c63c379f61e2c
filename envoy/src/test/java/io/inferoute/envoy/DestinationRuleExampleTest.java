package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.IstioTestFiles;
import io.inferoute.testing.TestFiles;
import org.junit.jupiter.api.Test;

/** The DestinationRule example is what istiod accepts: CRD schema plus webhook rules. */
class DestinationRuleExampleTest {

  private static final JsonNode RULE =
      TestFiles.readOne(TestFiles.moduleFile("envoy", "istio/destinationrule-example.yaml"));

  @Test
  void validatesAgainstTheDestinationRuleCrd() {
    assertThat(RULE.path("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
    assertThat(IstioTestFiles.schemas().violations(RULE)).isEmpty();
  }

  @Test
  void passesIstiodLocalityRulesWithoutWarnings() {
    LocalityLbRules.Findings findings = LocalityLbRules.check(RULE.path("spec"));

    assertThat(findings.errors()).isEmpty();
    assertThat(findings.warnings()).isEmpty();
  }

  @Test
  void distributesWithOutlierDetection() {
    JsonNode policy = RULE.path("spec").path("trafficPolicy");
    assertThat(policy.at("/loadBalancer/localityLbSetting/distribute").size()).isPositive();
    assertThat(policy.has("outlierDetection")).isTrue();
  }
}
