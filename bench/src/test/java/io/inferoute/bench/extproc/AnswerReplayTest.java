package io.inferoute.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.inferoute.routing.RoutingEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The replaying server, over real gRPC on 127.0.0.1, and how the report splits the ratio. */
class AnswerReplayTest {
  @Test
  void theReplayServerSendsInferoutesRoutingAnswerWithoutRouting() throws Exception {
    RequestSet requests = RequestSet.build(4, 4096, 2);
    try (RoutingEngine engine = RoutingEngine.start(BenchPolicy.fleet(6));
        ClientLoops client = new ClientLoops(1);
        Target inferoute = Target.inferoute(engine, client)) {
      Answers recorded = inferoute.answers(requests, 0);
      // The routing answer names an endpoint in the header mutation and in envoy.lb.
      assertThat(recorded.body().getRequestBody().getResponse().getHeaderMutation()
          .getSetHeadersList()).anySatisfy(h ->
              assertThat(h.getHeader().getKey()).isEqualTo("x-gateway-destination-endpoint"));
      assertThat(recorded.body().getDynamicMetadata().getFieldsMap()).containsKey("envoy.lb");

      try (Target replay = Target.replay(recorded, client);
          Target noOp = Target.noOp(client)) {
        // Another request, same answers: the replay reads nothing.
        assertThat(replay.answers(requests, 3)).isEqualTo(recorded);
        assertThat(noOp.answers(requests, 3).body())
            .isEqualTo(ProcessingResponse.newBuilder()
                .setRequestBody(recorded.body().getRequestBody().getDefaultInstanceForType())
                .build());
        RunResult r = ClosedLoop.run(replay.channels(), requests, 2, Duration.ZERO,
            Duration.ofMillis(300));
        assertThat(r.placed()).isPositive();
        assertThat(r.failed()).isZero();
      }
    }
  }

  @Test
  void answersOfTheWrongKindAreRefused() {
    ProcessingResponse body = ProcessingResponse.newBuilder()
        .setRequestBody(io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse.getDefaultInstance())
        .build();
    assertThatThrownBy(() -> new NoOpProcessor(body, body))
        .hasMessage("answers: REQUEST_BODY, REQUEST_BODY (expected: REQUEST_HEADERS,"
            + " REQUEST_BODY)");
  }

  @Test
  void theReportSplitsTheRatioIntoTheAnswerAndTheWork() {
    Cell cell = new Cell(RequestSet.build(1, 4096, 1), 16, false);
    cell.add(Target.NO_OP, result(10_000));
    cell.add(Target.REPLAY, result(8_000));
    cell.add(Target.INFEROUTE, result(6_000));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(cell));

    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("| 4096 B | 16 | answer replay | 8,000 |");
    // Inferoute ÷ no-op 0.60 (missed), replay ÷ no-op 0.80, Inferoute ÷ replay 0.75.
    assertThat(report).contains("| 4096 B | 16 | 0.60 | 1.00 | 1.00 |")
        .contains("| **missed** | 0.80 | 0.75 |");
  }

  @Test
  void roundsTakeTurnsGoingFirst() {
    assertThat(ExtProcLoad.rotated(List.of("a", "b", "c"), 0)).containsExactly("a", "b", "c");
    assertThat(ExtProcLoad.rotated(List.of("a", "b", "c"), 1)).containsExactly("b", "c", "a");
    assertThat(ExtProcLoad.rotated(List.of("a", "b", "c"), 5)).containsExactly("c", "a", "b");
  }

  /** {@code n} requests of 1 ms each over one second. */
  private static RunResult result(int n) {
    Histogram h = new Histogram(3);
    h.recordValueWithCount(1_000_000, n);
    return new RunResult(h, 1_000_000_000L, n, 0, 0, "");
  }
}
