package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferoute.testing.TestFiles;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LocalityLbRulesTest {

  @Test
  void acceptsWeightsSummingTo100() {
    assertThat(errors(distribute("eu/a/*", "eu/a/*: 60", "eu/b/*: 40"))).isEmpty();
  }

  @Test
  void rejectsDistributeWeightsSummingTo99() {
    assertThat(errors(distribute("eu/a/*", "eu/a/*: 60", "eu/b/*: 39"))).containsExactly(
        "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: weights sum to 99 (expected: 100)");
  }

  @Test
  void rejectsWeightOutsideOneToHundred() {
    assertThat(errors(distribute("eu/a/*", "eu/a/*: 100", "eu/b/*: 0")))
        .anyMatch(e -> e.endsWith(".to[eu/b/*]: 0 (expected: an integer 1..100)"));
  }

  @Test
  void rejectsOverlappingTargetLocalities() {
    assertThat(errors(distribute("eu/a/*", "eu/*: 50", "eu/a/*: 50")))
        .containsExactly("spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to:"
            + " eu/* overlaps eu/a/* (expected: disjoint localities)");
  }

  @Test
  void rejectsWildcardThatIsNotTheLastSegment() {
    assertThat(errors(distribute("eu/*/x", "eu/a/*: 100"))).singleElement().asString()
        .contains("distribute[0].from: eu/*/x");
  }

  @Test
  void rejectsTwoWildcardsAndEmptySegments() {
    assertThat(errors(distribute("eu/a/*", "*/*: 50", "eu//c: 50"))).hasSize(2);
  }

  @Test
  void rejectsDistributeTogetherWithFailover() {
    JsonNode spec = spec("""
        distribute:
        - from: eu/a/*
          to: { "eu/a/*": 100 }
        failover:
        - { from: eu, to: us }
        """, true);

    assertThat(errors(spec)).containsExactly("spec.trafficPolicy.loadBalancer.localityLbSetting:"
        + " distribute and failover both set (expected: at most one of them)");
  }

  @Test
  void rejectsFailoverBetweenZonesOrToTheSameRegion() {
    JsonNode spec = spec("""
        failover:
        - { from: eu/a, to: us }
        - { from: eu, to: eu }
        """, true);

    assertThat(errors(spec)).hasSize(2)
        .anyMatch(e -> e.contains("failover[0]: eu/a (expected: a region name"))
        .anyMatch(e -> e.contains("failover[1]: from eu equals to"));
  }

  @Test
  void warnsFailoverWithoutOutlierDetection() {
    LocalityLbRules.Findings findings = LocalityLbRules.check(spec("""
        failover:
        - { from: eu, to: us }
        """, false));

    assertThat(findings.errors()).isEmpty();
    assertThat(findings.warnings()).singleElement().asString().contains("without outlierDetection");
  }

  @Test
  void checksSubsetsAndPortLevelSettingsToo() {
    JsonNode spec = TestFiles.readAll("""
        host: h
        subsets:
        - name: s
          trafficPolicy:
            portLevelSettings:
            - port: { number: 8000 }
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - { from: "eu/a/*", to: { "eu/a/*": 99 } }
        """).get(0);

    assertThat(errors(spec)).singleElement().asString()
        .startsWith("spec.subsets[0].trafficPolicy.portLevelSettings[0].loadBalancer");
  }

  @Property
  void acceptsEverySplitOf100IntoPositiveWeights(@ForAll("splitsOf100") List<Integer> weights) {
    assertThat(errors(distributeWeights(weights))).isEmpty();
  }

  @Property
  void rejectsEveryOtherTotal(@ForAll("splitsOf100") List<Integer> weights, @ForAll boolean up) {
    List<Integer> off = new java.util.ArrayList<>(weights);
    int last = off.size() - 1;
    if (!up && off.get(last) == 1) {
      return; // lowering a weight of 1 breaks the 1..100 rule instead; covered elsewhere
    }
    off.set(last, off.get(last) + (up ? 1 : -1));

    assertThat(errors(distributeWeights(off))).anyMatch(e -> e.contains("weights sum to"));
  }

  @Provide
  Arbitrary<List<Integer>> splitsOf100() {
    return Arbitraries.integers().between(1, 8).flatMap(n ->
        Arbitraries.integers().between(1, 100 - n).set().ofSize(n - 1).map(cuts -> {
          List<Integer> sorted = cuts.stream().sorted().toList();
          List<Integer> parts = new java.util.ArrayList<>();
          int previous = 0;
          for (int cut : sorted) {
            parts.add(cut - previous);
            previous = cut;
          }
          parts.add(100 - previous);
          return parts;
        }));
  }

  private static JsonNode distributeWeights(List<Integer> weights) {
    ObjectNode to = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < weights.size(); i++) {
      to.put("region/zone-" + i + "/*", weights.get(i));
    }
    ObjectNode spec = (ObjectNode) distribute("region/zone-0/*", "placeholder: 100");
    ((ObjectNode) spec.at("/trafficPolicy/loadBalancer/localityLbSetting/distribute/0")).set("to", to);
    return spec;
  }

  private static JsonNode distribute(String from, String... targets) {
    StringBuilder yaml = new StringBuilder("distribute:\n- from: \"" + from + "\"\n  to:\n");
    for (String target : targets) {
      String[] kv = target.split(": ");
      yaml.append("    \"").append(kv[0]).append("\": ").append(kv[1]).append('\n');
    }
    return spec(yaml.toString(), true);
  }

  private static JsonNode spec(String localityLbSetting, boolean outlierDetection) {
    String indented = localityLbSetting.indent(8);
    String yaml = "host: h\ntrafficPolicy:\n"
        + (outlierDetection ? "  outlierDetection: { consecutive5xxErrors: 5 }\n" : "")
        + "  loadBalancer:\n    localityLbSetting:\n" + indented.replaceAll("(?m)^ {8}", "      ");
    return TestFiles.readAll(yaml).get(0);
  }

  private static List<String> errors(JsonNode spec) {
    return LocalityLbRules.check(spec).errors();
  }
}
