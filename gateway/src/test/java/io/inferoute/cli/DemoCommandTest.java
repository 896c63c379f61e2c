package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.routing.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void walkThroughShowsAffinityDegradationCostFailoverAndRejection() throws Exception {
    List<DemoCommand.Step> steps = DemoCommand.walkThrough(DemoCommand.loadDemoPolicy());
    assertThat(steps).hasSize(6);
    Explanation first = steps.get(0).explanation();
    Explanation second = steps.get(1).explanation();
    assertThat(second.primary()).isEqualTo(first.primary());
    assertThat(second.candidates()).filteredOn(c -> c.role().equals("primary")).singleElement()
        .satisfies(c -> assertThat(c.matchedBlocks()).isGreaterThan(10));
    assertThat(steps.get(2).explanation().degraded()).isTrue();
    assertThat(steps.get(2).explanation().primary()).isEqualTo("cloud-1");
    assertThat(steps.get(3).explanation().primary()).startsWith("regional-npu-");
    Explanation failover = steps.get(4).explanation();
    assertThat(failover.primary()).doesNotStartWith("edge-");
    assertThat(failover.candidates()).filteredOn(c -> "unhealthy".equals(c.removedBy())).hasSize(2);
    assertThat(steps.get(5).explanation().rejectReason()).isEqualTo("model_not_found");
  }

  @Test
  void printsEveryStep() {
    CliRun run = CliRun.of("demo", "--walkthrough");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("== 1.").contains("== 6.").contains("rejected: model_not_found");
  }
}
