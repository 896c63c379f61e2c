package io.inferoute.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.Placement;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.testing.FakeTicker;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
  private final AnswerCache cache = new AnswerCache();

  private static RoutingEngine engine(List<EndpointSpec> fleet) {
    return RoutingEngine.create(RoutingPolicy.of("answers", fleet, List.of()), new FakeTicker());
  }

  private static Placement place(RoutingEngine engine, int i) {
    return (Placement) engine.decide(RoutingRequest.of(PickerFixture.MODEL, "prompt " + i,
        Locality.UNKNOWN));
  }

  @Test
  void servesWhatBuildingPerRequestWouldAndReusesIt() {
    try (RoutingEngine engine = engine(PickerFixture.standardFleet())) {
      for (int i = 0; i < 50; i++) {
        Placement p = place(engine, i);

        assertThat(cache.metadata(p)).isEqualTo(Answers.lbMetadata(p.destinations()));
        assertThat(cache.metadata(p)).isSameAs(cache.metadata(p));
        assertThat(cache.destination(p.primary()))
            .isEqualTo(Answers.set(EnvoyHeaders.DESTINATION, p.primary().address()))
            .isSameAs(cache.destination(p.primary()));
        assertThat(cache.tier(p.primary()))
            .isEqualTo(Answers.set(Placer.TIER_HEADER, p.primary().spec().tier()));
      }
    }
  }

  @Test
  void rebuildsForAnEndpointOfANewFleetSnapshot() {
    try (RoutingEngine engine = engine(List.of(
        PickerFixture.spec("only", "10.0.0.1:8000", "edge-gpu", "asia/tokyo-a", 8)))) {
      Placement before = place(engine, 1);
      cache.metadata(before);
      engine.apply(RoutingPolicy.of("answers", List.of(
          PickerFixture.spec("only", "10.0.0.9:8000", "cloud", "asia/tokyo-a", 8)), List.of()));
      Placement after = place(engine, 1);

      assertThat(cache.destination(after.primary()))
          .isEqualTo(Answers.set(EnvoyHeaders.DESTINATION, "10.0.0.9:8000"));
      assertThat(cache.tier(after.primary())).isEqualTo(Answers.set(Placer.TIER_HEADER, "cloud"));
      assertThat(cache.metadata(after)).isEqualTo(Answers.lbMetadata("10.0.0.9:8000"));
    }
  }
}
