package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.policy.Locality.Proximity;
import org.junit.jupiter.api.Test;

class LocalityTest {
  @Test
  void parsesAllThreeSegments() {
    Locality l = Locality.parse("asia-northeast1/tokyo-a/rack-3");
    assertThat(l.region()).isEqualTo("asia-northeast1");
    assertThat(l.zone()).isEqualTo("tokyo-a");
    assertThat(l.subzone()).isEqualTo("rack-3");
    assertThat(l).hasToString("asia-northeast1/tokyo-a/rack-3");
  }

  @Test
  void regionAloneIsALocality() {
    assertThat(Locality.parse("eu-west1")).isEqualTo(new Locality("eu-west1", "", ""));
  }

  @Test
  void proximityComparesRegionThenZone() {
    Locality a = Locality.parse("eu/eu-b/r1");
    assertThat(a.proximity(Locality.parse("eu/eu-b/r9"))).isEqualTo(Proximity.SAME_ZONE);
    assertThat(a.proximity(Locality.parse("eu/eu-c"))).isEqualTo(Proximity.SAME_REGION);
    assertThat(a.proximity(Locality.parse("us/eu-b"))).isEqualTo(Proximity.REMOTE);
    assertThat(Locality.parse("eu").proximity(Locality.parse("eu"))).isEqualTo(Proximity.SAME_REGION);
    assertThat(Locality.UNKNOWN.proximity(Locality.UNKNOWN)).isEqualTo(Proximity.REMOTE);
  }

  @Test
  void rejectsEmptySegmentsWildcardsAndTooManyParts() {
    assertThatThrownBy(() -> Locality.parse("eu//r1")).hasMessageContaining("\"eu//r1\" is not a locality");
    assertThatThrownBy(() -> Locality.parse("a/b/c/d")).hasMessageContaining("expected: region/zone/subzone");
    assertThatThrownBy(() -> Locality.parse("eu/*")).hasMessageContaining("without '*'");
    assertThatThrownBy(() -> Locality.parse("")).hasMessageContaining("is not a locality");
  }
}
