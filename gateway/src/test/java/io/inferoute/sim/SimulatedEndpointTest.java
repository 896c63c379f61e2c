package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.Locality;
import io.inferoute.policy.RttTable;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedEndpointTest {
  private static final RttTable RTT =
      new RttTable(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100));

  private static SimulatedEndpoint atParis() {
    return SimulatedEndpoint.builder("edge").models("m1").tierDelay(Duration.ofMillis(7))
        .locality(Locality.parse("eu-west/paris"), RTT).build();
  }

  @Test
  void originInTheSameZoneGetsTheSameZoneRoundTrip() {
    assertThat(atParis().networkDelay("eu-west/paris")).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void originInAnotherZoneOfTheRegionGetsTheSameRegionRoundTrip() {
    assertThat(atParis().networkDelay("eu-west/lyon")).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void originInAnotherRegionGetsTheRemoteRoundTrip() {
    assertThat(atParis().networkDelay("eu-central/berlin")).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void missingOrMalformedOriginFallsBackToTheTierDelay() {
    assertThat(atParis().networkDelay(null)).isEqualTo(Duration.ofMillis(7));
    assertThat(atParis().networkDelay(" ")).isEqualTo(Duration.ofMillis(7));
    assertThat(atParis().networkDelay("eu-west//x")).isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void endpointWithoutLocalityAlwaysAddsTheTierDelay() {
    SimulatedEndpoint plain = new SimulatedEndpoint("plain", 0, Set.of("m1"), Duration.ofMillis(3),
        1_000, 10, 16, 1, 0, 1, ErrorInjection.NONE);

    assertThat(plain.locality()).isNull();
    assertThat(plain.networkDelay("eu-west/paris")).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void anotherPortKeepsTheLocalityAndRoundTrips() {
    SimulatedEndpoint moved = atParis().withPort(1234);

    assertThat(moved.port()).isEqualTo(1234);
    assertThat(moved.locality()).isEqualTo(Locality.parse("eu-west/paris"));
    assertThat(moved.rtt()).isEqualTo(RTT);
  }
}
