package io.inferoute.bench.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.Outcome;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ResponseRecorderTest {
  private static final String ROLE = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null}";
  private static final String TOKEN = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the \"}}],\"usage\":null}";
  private static final String USAGE = "{\"choices\":[],\"usage\":{\"prompt_tokens\":120,"
      + "\"completion_tokens\":2,\"total_tokens\":122,\"prompt_tokens_details\":{\"cached_tokens\":96}}}";

  private final CountDownLatch done = new CountDownLatch(1);
  private final ResponseRecorder recorder = new ResponseRecorder(request(), 1_000, done);

  private static LabRequest request() {
    return new LabRequest(0, 0, null, "eu-west/paris", true, LabFleet.MODEL, "/v1/chat/completions",
        "{}", 10, 2);
  }

  private static String sse(String data) {
    return "data: " + data + "\n\n";
  }

  @Test
  void timesTheFirstContentTokenAndReadsUsageFromTheLastChunk() {
    recorder.sent(2_000);
    recorder.headers(200, "edge-paris-1", "text/event-stream");
    recorder.data(sse(ROLE), 2_500);
    String rest = sse(TOKEN) + sse(TOKEN) + sse(USAGE) + sse("[DONE]");
    // Split inside an event: the parser must wait for its end.
    recorder.data(rest.substring(0, 20), 3_000);
    recorder.data(rest.substring(20), 4_000);
    recorder.end(5_000);

    Outcome o = recorder.outcome();
    assertThat(done.getCount()).isZero();
    assertThat(o.ok()).isTrue();
    assertThat(o.sentNanos()).isEqualTo(1_000);
    assertThat(o.ttftNanos()).isEqualTo(2_000);
    assertThat(o.e2eNanos()).isEqualTo(3_000);
    assertThat(o.endpoint()).isEqualTo("edge-paris-1");
    assertThat(List3.of(o.promptTokens(), o.cachedTokens(), o.outputTokens())).isEqualTo(List3.of(120, 96, 2));
  }

  @Test
  void aStreamThatEndsWithoutDoneIsBroken() {
    recorder.sent(2_000);
    recorder.headers(200, "edge-paris-1", "text/event-stream");
    recorder.data(sse(TOKEN), 2_500);
    recorder.end(3_000);

    Outcome o = recorder.outcome();
    assertThat(o.ok()).isFalse();
    assertThat(o.error()).startsWith("broken stream");
    assertThat(o.ttftNanos()).isEqualTo(500);
    assertThat(o.e2eNanos()).isEqualTo(-1);
  }

  @Test
  void aMidStreamErrorEventFailsTheRequestWithItsCode() {
    recorder.sent(2_000);
    recorder.headers(200, "edge-paris-1", "text/event-stream");
    recorder.data(sse(TOKEN) + sse("{\"error\":{\"message\":\"gone\",\"type\":\"server_error\","
        + "\"param\":null,\"code\":\"upstream_reset\"}}"), 2_500);
    recorder.end(3_000);

    assertThat(recorder.outcome().error()).isEqualTo("stream error: upstream_reset");
  }

  @Test
  void aNon2xxAnswerIsAnErrorWithItsOpenAiCode() {
    recorder.sent(2_000);
    recorder.headers(429, null, "application/json");
    recorder.data("{\"error\":{\"message\":\"busy\",\"type\":\"rate_limit_error\",\"param\":null,", 2_100);
    recorder.data("\"code\":\"saturated\"}}", 2_200);
    recorder.end(2_300);

    Outcome o = recorder.outcome();
    assertThat(o.status()).isEqualTo(429);
    assertThat(o.error()).isEqualTo("http 429: saturated");
    assertThat(o.ok()).isFalse();
  }

  @Test
  void aTimeoutCancelsTheRequestOnceAndLaterEventsAreIgnored() {
    int[] cancels = {0};
    recorder.sent(2_000);
    recorder.onCancel(() -> cancels[0]++);

    recorder.timeout(60_000_000_000L);
    recorder.timeout(60_000_000_000L);
    recorder.headers(200, "cloud-1", "text/event-stream");
    recorder.end(9_000);

    assertThat(cancels[0]).isEqualTo(1);
    assertThat(recorder.outcome().error()).isEqualTo("timeout after 60 s");
    assertThat(done.getCount()).isZero();
  }

  @Test
  void aRequestThatNeverFinishedSaysSo() {
    recorder.sent(2_000);

    assertThat(recorder.outcome().error()).startsWith("no outcome");
    assertThat(done.getCount()).isEqualTo(1);
  }

  /** Three ints compared as one value, for a readable failure. */
  private record List3(int a, int b, int c) {
    static List3 of(int a, int b, int c) {
      return new List3(a, b, c);
    }
  }
}
