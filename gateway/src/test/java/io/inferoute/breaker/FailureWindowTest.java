package io.inferoute.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.BreakerSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
  static final long SECOND = Duration.ofSeconds(1).toNanos();
  // interval 10 s: ten buckets of one second; 50% over at least 4 requests
  final BreakerRules rules = BreakerRules.of(new BreakerSettings(0, 0, Duration.ofSeconds(10), 50,
      4, Duration.ofSeconds(30), Duration.ofSeconds(300), 10, 1, 50));

  @Test
  void countsALateOutcomeThatIsStillInsideTheWindow() {
    FailureWindow w = FailureWindow.empty(rules)
        .record(5 * SECOND, false, rules)
        .record(5 * SECOND, false, rules)
        .record(2 * SECOND, true, rules); // a thread that read the ticker earlier

    assertThat(w.requests()).isEqualTo(3);
    assertThat(w.record(5 * SECOND, true, rules).trips(rules)).isTrue();
  }

  @Test
  void dropsAnOutcomeOlderThanTheWindow() {
    FailureWindow w = FailureWindow.empty(rules).record(20 * SECOND, false, rules);
    assertThat(w.record(10 * SECOND, true, rules)).isSameAs(w);
  }

  @Test
  void movingTheHeadClearsOnlyTheBucketsItPasses() {
    FailureWindow w = FailureWindow.empty(rules);
    for (int s = 0; s < 10; s++) {
      w = w.record(s * SECOND, false, rules);
    }
    assertThat(w.requests()).isEqualTo(10);

    w = w.record(12 * SECOND, true, rules); // seconds 0..2 fall out, 3..9 stay

    assertThat(w.requests()).isEqualTo(8);
  }

  @Test
  void disabledWindowRecordsNothingAndNeverTrips() {
    BreakerRules off = BreakerRules.of(BreakerSettings.DEFAULT);
    FailureWindow w = FailureWindow.empty(off);
    assertThat(w.record(0, true, off)).isSameAs(FailureWindow.DISABLED);
    assertThat(w.trips(off)).isFalse();
  }
}
