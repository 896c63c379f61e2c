package io.inferoute.policy.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> FIELDS = List.of("name", "address", "tier", "models", "maxEjection");

  @Test
  void suggestsTheNearestFieldForATypo() {
    assertThat(Suggestions.closest("adress", FIELDS)).isEqualTo("address");
    assertThat(Suggestions.closest("modles", FIELDS)).isEqualTo("models");
    assertThat(Suggestions.closest("Tier", FIELDS)).isEqualTo("tier");
  }

  @Test
  void suggestsTheShorterNameForALongerSpellingOfIt() {
    assertThat(Suggestions.closest("maxEjectionPercent", FIELDS)).isEqualTo("maxEjection");
  }

  @Test
  void listsTheChoicesWhenNothingIsClose() {
    assertThat(Suggestions.closest("weights", FIELDS)).isNull();
    assertThat(Suggestions.hint("weights", List.of("a", "b"))).isEqualTo("(expected one of: a, b)");
    assertThat(Suggestions.hint("nmae", FIELDS)).isEqualTo("(did you mean \"name\"?)");
  }
}
