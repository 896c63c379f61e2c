package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.CelRules;
import io.inferoute.istio.IstioSchemas;
import io.inferoute.istio.IstioTestFiles;
import io.inferoute.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema validator judges like the API server: it accepts valid specs and rejects bad ones. */
class IstioSchemasTest {

  private static final String RULE = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: { name: r }
      spec:
        host: vllm.inference.svc.cluster.local
        trafficPolicy:
          loadBalancer:
            simple: LEAST_REQUEST
          outlierDetection:
            interval: 10s
      """;

  @Test
  void acceptsAValidDestinationRule() {
    assertThat(IstioTestFiles.schemas().violations(yaml(RULE))).isEmpty();
  }

  @Test
  void rejectsUnknownFieldLikeKubectlStrictValidation() {
    JsonNode rule = yaml(RULE.replace("simple: LEAST_REQUEST", "simpel: LEAST_REQUEST"));

    assertThat(IstioTestFiles.schemas().violations(rule)).singleElement().asString()
        .contains("simpel");
  }

  @Test
  void rejectsValueOutsideEnum() {
    JsonNode rule = yaml(RULE.replace("simple: LEAST_REQUEST", "simple: FASTEST"));

    assertThat(IstioTestFiles.schemas().violations(rule)).singleElement().asString()
        .contains("simple");
  }

  @Test
  void rejectsDurationBelowOneMillisecondThroughCelRule() {
    JsonNode rule = yaml(RULE.replace("interval: 10s", "interval: 500us"));

    assertThat(IstioTestFiles.schemas().violations(rule))
        .containsExactly("spec.trafficPolicy.outlierDetection.interval: must be a valid duration greater"
            + " than 1ms (expected: duration(self) >= duration('1ms'))");
  }

  @Test
  void rejectsApiVersionNoCrdServes() {
    JsonNode rule = yaml(RULE.replace("networking.istio.io/v1", "networking.istio.io/v2"));

    assertThat(IstioTestFiles.schemas().covers(rule)).isFalse();
    assertThat(IstioTestFiles.schemas().violations(rule)).singleElement().asString()
        .startsWith("apiVersion/kind: networking.istio.io/v2 DestinationRule");
  }

  @Test
  void acceptsAnyEnvoyFieldInsidePatchValueWhereCrdPreservesUnknownFields() {
    JsonNode filter = yaml("""
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: { name: f }
        spec:
          configPatches:
          - applyTo: CLUSTER
            patch:
              operation: ADD
              value: { name: c, whatever_envoy_field: 1 }
        """);

    assertThat(IstioTestFiles.schemas().violations(filter)).isEmpty();
  }

  @Test
  void loadsNothingWhereTheSchemaDirectoryIsAbsent() {
    assertThat(IstioSchemas.load(Path.of("no-such-directory"))).isEmpty();
  }

  @Test
  void readsGoDurations() {
    assertThat(CelRules.goDurationNanos("1m30s")).isEqualTo(90_000_000_000L);
    assertThat(CelRules.goDurationNanos("1.5ms")).isEqualTo(1_500_000L);
    assertThat(CelRules.goDurationNanos("10")).isEqualTo(-1);
    assertThat(CelRules.goDurationNanos("s10")).isEqualTo(-1);
  }

  @Test
  void reportsCelRuleItDoesNotKnow() {
    JsonNode schema = yaml("""
        type: object
        x-kubernetes-validations:
        - rule: self.name.startsWith("x")
          message: must start with x
        """);

    assertThat(CelRules.violations(schema, yaml("name: y"), "spec")).singleElement().asString()
        .startsWith("spec: CEL rule not evaluated");
  }

  private static JsonNode yaml(String text) {
    return TestFiles.readAll(text).get(0);
  }
}
