package io.inferoute.bench.lab.workload;

import static io.inferoute.bench.lab.workload.WorkloadFixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferoute.bench.lab.LabRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MixedWorkloadTest {
  private final MixedWorkload mixed = MixedWorkload.standard();

  @Test
  void mixesInteractiveChatWithBatchDocumentsAtTheShare() {
    List<LabRequest> trace = mixed.trace(shape(20, 200, 5));
    double interactive =
        trace.stream().filter(LabRequest::interactive).count() / (double) trace.size();
    assertThat(interactive).isCloseTo(0.7, within(0.05));
    assertThat(trace).filteredOn(r -> !r.interactive())
        .allSatisfy(r -> assertThat(r.session()).isNull());
    assertThat(trace).filteredOn(LabRequest::interactive)
        .allSatisfy(r -> assertThat(r.session()).startsWith("chat-"));
  }

  @Test
  void originsCoverEveryEdgeSite() {
    List<LabRequest> trace = mixed.trace(shape(20, 60, 5));
    assertThat(trace.stream().map(LabRequest::origin).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(WorkloadFixtures.SITES);
  }

  @Test
  void mergedTraceIsSortedIndexedAndReproducible() {
    List<LabRequest> trace = mixed.trace(shape(20, 30, 5));
    for (int i = 1; i < trace.size(); i++) {
      assertThat(trace.get(i).index()).isEqualTo(i);
      assertThat(trace.get(i).arrivalNanos())
          .isGreaterThanOrEqualTo(trace.get(i - 1).arrivalNanos());
    }
    assertThat(mixed.trace(shape(20, 30, 5))).isEqualTo(trace);
  }
}
