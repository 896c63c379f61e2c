package io.inferoute.bench.lab.workload;

import static io.inferoute.bench.lab.workload.WorkloadFixtures.messages;
import static io.inferoute.bench.lab.workload.WorkloadFixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferoute.bench.lab.LabRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentWorkloadTest {
  private final DocumentWorkload docs = DocumentWorkload.standard();

  @Test
  void sameSeedGivesTheSameTrace() {
    assertThat(docs.trace(shape(10, 10, 3))).isEqualTo(docs.trace(shape(10, 10, 3)));
  }

  @Test
  void documentReuseFollowsZipfPopularity() {
    List<LabRequest> trace = docs.trace(shape(20, 100, 3));
    int[] counts = new int[docs.documents()];
    for (LabRequest r : trace) {
      counts[rank(r)]++;
    }
    assertThat(counts[0]).isGreaterThan(counts[1]);
    assertThat(counts[1]).isGreaterThan(counts[4]);
    assertThat(counts[4]).isGreaterThan(counts[20]);
    assertThat(counts[0] / (double) trace.size()).isCloseTo(docs.popularity(0), within(0.03));
    assertThat(counts[1] / (double) trace.size()).isCloseTo(docs.popularity(1), within(0.03));
  }

  @Test
  void promptIsInstructionThenDocumentThenQuestion() {
    List<LabRequest> trace = docs.trace(shape(10, 10, 3));
    String instruction = messages(trace.get(0)).get(0).content();
    for (LabRequest r : trace) {
      List<ChatMessage> m = messages(r);
      assertThat(m.get(0)).isEqualTo(new ChatMessage("system", instruction));
      assertThat(m.get(1).content()).startsWith("Document ").contains("\n\nQuestion: ");
      assertThat(m.get(1).content().length()).isBetween(8_000, 20_400);
      assertThat(r.session()).isNull();
    }
  }

  private static int rank(LabRequest r) {
    String content = messages(r).get(1).content();
    return Integer.parseInt(content.substring("Document ".length(), content.indexOf(':')));
  }

  @Test
  void batchVersionAsksForLongerAnswersWithoutSlo() {
    LabRequest r = docs.asBatch().trace(shape(10, 10, 3)).get(0);
    assertThat(r.interactive()).isFalse();
    assertThat(r.maxTokens()).isBetween(128, 384);
  }
}
