package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void bucketsBySendTimeWithP90AndErrorsPerSecond() {
    // outcome(i, …) is sent at i × 100 ms
    List<Outcome> outcomes = List.of(
        RunSummaryTest.outcome(2, true, 200, 100, 500, 10, 0, 1, "e1", null),
        RunSummaryTest.outcome(5, true, 200, 300, 500, 10, 0, 1, "e1", null),
        RunSummaryTest.outcome(11, true, 503, -1, -1, 0, 0, 0, null, "down"),
        RunSummaryTest.outcome(27, true, 200, 50, 500, 10, 0, 1, "e1", null));
    List<Timeline.Bucket> buckets =
        Timeline.of(new RunOutput(RunSummaryTest.SPEC, outcomes, 3_000_000_000L), 1_000_000_000L);
    assertThat(buckets).hasSize(3);
    assertThat(buckets.get(0)).isEqualTo(new Timeline.Bucket(0, 2, 300, 0));
    assertThat(buckets.get(1).sent()).isEqualTo(1);
    assertThat(buckets.get(1).ttftP90Ms()).isNaN();
    assertThat(buckets.get(1).errorsPerSecond()).isEqualTo(1);
    assertThat(buckets.get(2)).isEqualTo(new Timeline.Bucket(2, 1, 50, 0));
  }
}
