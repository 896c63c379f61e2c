package io.inferoute.istio;

import static io.inferoute.istio.Rows.T0;
import static io.inferoute.istio.Rows.at;
import static io.inferoute.istio.Rows.failing;
import static io.inferoute.istio.Rows.gateways;
import static io.inferoute.istio.Rows.idle;
import static io.inferoute.istio.Rows.loaded;
import static io.inferoute.istio.Rows.now;
import static io.inferoute.istio.Rows.slow;
import static io.inferoute.istio.Rows.unhealthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.istio.LocalityLbSetting.Failover;
import io.inferoute.istio.WeightSettings.Mode;
import io.inferoute.istio.WeightUpdate.Hold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalityWeightCalculatorTest {

  private static final WeightSettings NO_PROXIMITY = new WeightSettings(
      Mode.DISTRIBUTE, 5, 20, Duration.ofSeconds(30), 1, 1, 1, 0);

  private final LocalityWeightCalculator flat = new LocalityWeightCalculator(NO_PROXIMITY);
  private final LocalityWeightCalculator calculator = new LocalityWeightCalculator(WeightSettings.DEFAULT);

  /** The state after a first update that split {@code llm} evenly between eu/a and eu/b at T0. */
  private WeightState evenSplitAtT0() {
    return flat.update(WeightState.empty(), now(idle("llm", "eu/a", 50), idle("llm", "eu/b", 50)),
        gateways("eu/a")).next();
  }

  private static Map<String, Integer> onlyEntry(LocalityLbSetting setting) {
    assertThat(setting.distribute()).hasSize(1);
    return setting.distribute().get(0).to();
  }

  @Test
  void equalLocalitiesSplitOneHundredByLargestRemainder() {
    LocalityLbSetting s = flat.targets(now(idle("llm", "eu/a", 8), idle("llm", "eu/b", 8), idle("llm", "us/c", 8)),
        gateways("eu/a")).get("llm");

    assertThat(onlyEntry(s)).containsExactly(Map.entry("eu/a/*", 34), Map.entry("eu/b/*", 33),
        Map.entry("us/c/*", 33));
    assertThat(s.distribute().get(0).from()).isEqualTo("eu/a/*");
    assertThat(s.failover()).isEmpty();
  }

  @Test
  void weightsFollowFreeCapacity() {
    LocalityLbSetting s = flat.targets(now(loaded("llm", "eu/a", 100, 90), idle("llm", "eu/b", 100)),
        gateways("eu/a")).get("llm");

    // a: 100 × (0.1 + 0.9 × 0.1) = 19; b: 100 → 2 + 98 × 19/119 and 98 × 100/119.
    assertThat(onlyEntry(s)).containsExactly(Map.entry("eu/a/*", 17), Map.entry("eu/b/*", 83));
  }

  @Test
  void leavesOutLocalitiesWithoutHealthyEndpoints() {
    LocalityLbSetting s = flat.targets(now(idle("llm", "eu/a", 8), unhealthy("llm", "eu/b")),
        gateways("eu/a")).get("llm");

    assertThat(onlyEntry(s)).containsOnlyKeys("eu/a/*").containsEntry("eu/a/*", 100);
  }

  @Test
  void keepsOnePointForAHealthyLocalityThatFailsEverything() {
    LocalityLbSetting s = flat.targets(now(idle("llm", "eu/a", 8), failing("llm", "eu/b", 8, 1.0)),
        gateways("eu/a")).get("llm");

    assertThat(onlyEntry(s)).containsEntry("eu/a/*", 99).containsEntry("eu/b/*", 1);
  }

  @Test
  void aTtftOverTheSloLowersTheWeightByTheSquareOfTheOvershoot() {
    LocalityLbSetting s = flat.targets(now(
        slow("llm", "eu/a", 10, Duration.ofMillis(400), Duration.ofMillis(200)),
        slow("llm", "eu/b", 10, Duration.ofMillis(100), Duration.ofMillis(200))), gateways("eu/a")).get("llm");

    // a scores 10 × 1/4, b scores 10: 2 + 98 × 0.2 and 98 × 0.8, rounded by largest remainder.
    assertThat(onlyEntry(s)).containsEntry("eu/a/*", 21).containsEntry("eu/b/*", 79);
  }

  @Test
  void prefersTheGatewaysZoneThenItsRegion() {
    LocalityLbSetting s = calculator.targets(now(idle("llm", "eu/a", 10), idle("llm", "eu/b", 10),
        idle("llm", "us/c", 10)), gateways("eu/a")).get("llm");

    // preferences 1 / 0.5 / 0.2 of equal capacity: 1 + 97 × (1, 0.5, 0.2) / 1.7.
    assertThat(onlyEntry(s)).containsExactly(Map.entry("eu/a/*", 58), Map.entry("eu/b/*", 30),
        Map.entry("us/c/*", 12));
  }

  @Test
  void foldsARegionIntoOnePatternWhenOneOfItsLocalitiesHasNoZone() {
    LocalityLbSetting s = flat.targets(now(idle("llm", "eu", 10), idle("llm", "eu/b/r1", 10),
        idle("llm", "us/c/r2", 10)), gateways("eu/b")).get("llm");

    assertThat(onlyEntry(s)).containsOnlyKeys("eu/*", "us/c/*");
    assertThat(LocalityLbValidator.check(s, true).errors()).isEmpty();
  }

  @Test
  void oneEntryPerGatewayPatternZoneLevelFirst() {
    LocalityLbSetting s = calculator.targets(now(idle("llm", "eu/a", 10)),
        gateways("us", "eu/a/rack-1", "eu/a/rack-2", "asia/t")).get("llm");

    assertThat(s.distribute()).extracting(Distribute::from).containsExactly("asia/t/*", "eu/a/*", "us/*");
  }

  @Test
  void nothingHealthyGivesIstiosDefaultFailover() {
    LocalityLbSetting s = flat.targets(now(unhealthy("llm", "eu/a")), gateways("eu/a")).get("llm");

    assertThat(s).isEqualTo(LocalityLbSetting.DEFAULT);
    assertThat(s.toMap()).containsExactly(Map.entry("enabled", true));
  }

  @Test
  void keepsTheBestHundredWhenMoreLocalitiesAreHealthy() {
    List<LocalityTelemetry> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      rows.add(idle("llm", String.format("r/z%03d", i), i < 100 ? 10 : 1));
    }
    LocalityLbSetting s = flat.target(rows, gateways("r/z000"));

    assertThat(onlyEntry(s)).hasSize(100).doesNotContainKey("r/z100/*").containsEntry("r/z099/*", 1);
    assertThat(LocalityLbValidator.check(s, true).errors()).isEmpty();
  }

  @Test
  void publishesTheFirstTargetAtOnce() {
    WeightUpdate u = flat.update(WeightState.empty(), now(idle("llm", "eu/a", 8)), gateways("eu/a"));

    assertThat(u.changes()).containsOnlyKeys("llm");
    assertThat(u.next().published("llm")).get().extracting(WeightState.Published::at).isEqualTo(T0);
  }

  @Test
  void holdsAnUnchangedTarget() {
    WeightState s1 = flat.update(WeightState.empty(), now(idle("llm", "eu/a", 8)), gateways("eu/a")).next();

    WeightUpdate u = flat.update(s1, at(T0.plusSeconds(60), idle("llm", "eu/a", 8)), gateways("eu/a"));

    assertThat(u.changes()).isEmpty();
    assertThat(u.held()).containsEntry("llm", Hold.UNCHANGED);
  }

  @Test
  void holdsMovesBelowTheHysteresisThreshold() {
    WeightState s1 = evenSplitAtT0();

    WeightUpdate u = flat.update(s1, at(T0.plusSeconds(60), idle("llm", "eu/a", 54), idle("llm", "eu/b", 50)),
        gateways("eu/a"));

    assertThat(u.held()).containsEntry("llm", Hold.HYSTERESIS);
  }

  @Test
  void holdsChangesWithinTheMinimumInterval() {
    WeightState s1 = evenSplitAtT0();

    WeightUpdate u = flat.update(s1, at(T0.plusSeconds(29), idle("llm", "eu/a", 90), idle("llm", "eu/b", 10)),
        gateways("eu/a"));

    assertThat(u.held()).containsEntry("llm", Hold.MIN_INTERVAL);
  }

  @Test
  void movesNoWeightByMoreThanTheStepLimitThenRestsWithinTheHysteresis() {
    MeshTelemetry before = now(idle("llm", "eu/a", 50), idle("llm", "eu/b", 50));
    WeightState state = flat.update(WeightState.empty(), before, gateways("eu/a")).next();
    List<Map<String, Integer>> seen = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      WeightUpdate u = flat.update(state, at(T0.plusSeconds(30L * i), idle("llm", "eu/a", 95), idle("llm", "eu/b", 5)),
          gateways("eu/a"));
      state = u.next();
      seen.add(onlyEntry(state.published("llm").orElseThrow().setting()));
    }

    // Target 94/6 (1 + 98 × 0.95 / 0.05, largest remainder): 50 → 70 → 90 in 20-point steps, then
    // the last 4 points stay below the 5-point hysteresis.
    assertThat(seen).extracting(m -> m.get("eu/a/*")).containsExactly(70, 90, 90, 90);
    assertThat(seen).extracting(m -> m.get("eu/b/*")).containsExactly(30, 10, 10, 10);
  }

  @Test
  void publishesALostLocalityAtOnceWhateverTheInterval() {
    WeightState s1 = evenSplitAtT0();

    WeightUpdate u = flat.update(s1, at(T0.plusSeconds(1), idle("llm", "eu/a", 50), unhealthy("llm", "eu/b")),
        gateways("eu/a"));

    assertThat(onlyEntry(u.changes().get("llm"))).containsExactly(Map.entry("eu/a/*", 100));
  }

  @Test
  void failoverModeSendsEachGatewayRegionToTheBestOtherRegion() {
    LocalityWeightCalculator failover = new LocalityWeightCalculator(WeightSettings.DEFAULT.withMode(Mode.FAILOVER));

    LocalityLbSetting s = failover.targets(now(idle("llm", "eu/a", 10), idle("llm", "us/b", 40),
        idle("llm", "asia/c", 20)), gateways("eu/a", "us/b/r")).get("llm");

    assertThat(s.distribute()).isEmpty();
    assertThat(s.failover()).containsExactly(new Failover("eu", "us"), new Failover("us", "asia"));
    assertThat(LocalityLbValidator.check(s, true).valid()).isTrue();
  }

  @Test
  void aNewFailoverRegionWaitsForTheMinimumInterval() {
    LocalityWeightCalculator failover = new LocalityWeightCalculator(WeightSettings.DEFAULT.withMode(Mode.FAILOVER));
    WeightState s1 = failover.update(WeightState.empty(), now(idle("llm", "eu/a", 10), idle("llm", "us/b", 40),
        idle("llm", "asia/c", 20)), gateways("eu/a")).next();
    MeshTelemetry asiaBigger = at(T0.plusSeconds(10), idle("llm", "eu/a", 10), idle("llm", "us/b", 40),
        idle("llm", "asia/c", 80));

    assertThat(failover.update(s1, asiaBigger, gateways("eu/a")).held()).containsEntry("llm", Hold.MIN_INTERVAL);
    WeightUpdate later = failover.update(s1, at(T0.plusSeconds(30), asiaBigger.localities().toArray(LocalityTelemetry[]::new)),
        gateways("eu/a"));
    assertThat(later.changes().get("llm").failover()).containsExactly(new Failover("eu", "asia"));
  }

  @Test
  void theSameTelemetryAlwaysGivesTheSameWeights() {
    MeshTelemetry t = now(loaded("llm", "eu/a", 13, 7), failing("llm", "us/b", 9, 0.3), idle("x", "eu/a", 1));

    assertThat(calculator.targets(t, gateways("eu/a", "us/b"))).isEqualTo(calculator.targets(t, gateways("us/b", "eu/a")));
  }
}
