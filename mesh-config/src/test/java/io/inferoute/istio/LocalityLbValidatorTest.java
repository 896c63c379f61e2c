package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.istio.LocalityLbSetting.Failover;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalityLbValidatorTest {

  private static LocalityLbSetting distribute(String from, Object... toAndWeights) {
    Map<String, Integer> to = new LinkedHashMap<>();
    for (int i = 0; i < toAndWeights.length; i += 2) {
      to.put((String) toAndWeights[i], (Integer) toAndWeights[i + 1]);
    }
    return new LocalityLbSetting(List.of(new Distribute(from, to)), List.of());
  }

  private static List<String> errors(LocalityLbSetting s) {
    return LocalityLbValidator.check(s, true).errors();
  }

  @Test
  void acceptsWeightsThatSumToOneHundred() {
    assertThat(errors(distribute("eu/a/*", "eu/a/*", 60, "eu/b/*", 39, "us/*", 1))).isEmpty();
  }

  @Test
  void rejectsASumOtherThanOneHundred() {
    assertThat(errors(distribute("eu/a/*", "eu/a/*", 60, "eu/b/*", 39)))
        .containsExactly("trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: weights sum to 99 (expected: 100)");
  }

  @Test
  void rejectsAZeroWeightAndOneAboveOneHundred() {
    assertThat(errors(distribute("eu/*", "eu/a/*", 0, "eu/b/*", 100)))
        .containsExactly("trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to[eu/a/*]: 0 (expected: an integer 1..100)");
    assertThat(errors(distribute("eu/*", "eu/a/*", 101, "eu/b/*", -1))).hasSize(2);
  }

  @Test
  void rejectsAWildcardThatIsNotTheWholeLastSegment() {
    assertThat(errors(distribute("eu/*/r", "eu/a*", 100))).hasSize(2)
        .allMatch(e -> e.endsWith("(expected: region/zone/subzone, non-empty segments, '*' only as the whole last segment)"));
    assertThat(errors(distribute("eu//r", "a/b/c/d", 100))).hasSize(2);
  }

  @Test
  void rejectsOverlappingDestinations() {
    assertThat(errors(distribute("eu/*", "us/*", 50, "us/z1", 50)))
        .containsExactly("trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: us/* overlaps us/z1 (expected: disjoint localities)");
    assertThat(LocalityLbValidator.overlap("us/z1/*", "us/z2/*")).isFalse();
    assertThat(LocalityLbValidator.overlap("us/*", "usa/*")).isFalse();
  }

  @Test
  void rejectsDistributeTogetherWithFailover() {
    LocalityLbSetting both = new LocalityLbSetting(distribute("eu/*", "eu/*", 100).distribute(),
        List.of(new Failover("eu", "us")));

    assertThat(errors(both)).containsExactly(
        "trafficPolicy.loadBalancer.localityLbSetting: distribute and failover both set (expected: at most one of them)");
  }

  @Test
  void rejectsFailoverToTheSameRegionOrToAZone() {
    LocalityLbSetting s = new LocalityLbSetting(List.of(),
        List.of(new Failover("eu", "eu"), new Failover("eu", "us/z1")));

    assertThat(errors(s)).hasSize(2);
  }

  @Test
  void warnsAboutFailoverWithoutOutlierDetection() {
    LocalityLbSetting s = new LocalityLbSetting(List.of(), List.of(new Failover("eu", "us")));

    LocalityLbValidator.Findings f = LocalityLbValidator.check(s, false);
    assertThat(f.valid()).isTrue();
    assertThat(f.warnings()).singleElement().asString().contains("without outlierDetection");
  }

  @Test
  void checksEveryTrafficPolicyOfAWholeRule() {
    JsonNode rule = Yaml.tree(Map.of("spec", Map.of(
        "host", "x",
        "trafficPolicy", Map.of("portLevelSettings", List.of(Map.of("loadBalancer",
            Map.of("localityLbSetting", distribute("eu/*", "eu/*", 99).toMap())))),
        "subsets", List.of(Map.of("name", "s", "trafficPolicy", Map.of("loadBalancer",
            Map.of("localityLbSetting", distribute("eu/*", "eu/*", 101).toMap())))))));

    assertThat(LocalityLbValidator.checkDestinationRule(rule).errors()).hasSize(3)
        .anyMatch(e -> e.startsWith("spec.trafficPolicy.portLevelSettings[0]"))
        .anyMatch(e -> e.startsWith("spec.subsets[0].trafficPolicy"));
  }

  @Test
  void requireValidNamesTheRuleAndEveryViolation() {
    assertThatThrownBy(() -> LocalityLbValidator.requireValid(distribute("eu/*", "eu/*", 99), "inference/llm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("inference/llm: localityLbSetting rejected by istiod's rules: ")
        .hasMessageContaining("weights sum to 99");
  }
}
