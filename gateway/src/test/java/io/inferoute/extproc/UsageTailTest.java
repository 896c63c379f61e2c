package io.inferoute.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class UsageTailTest {
  private static int tokens(String... chunks) {
    UsageTail tail = new UsageTail();
    for (String c : chunks) {
      tail.add(ByteString.copyFromUtf8(c));
    }
    return tail.completionTokens();
  }

  @Test
  void readsUsageFromTheLastSseEventBeforeDone() {
    assertThat(tokens("data: {\"x\":1}\n\n", "data: {\"usage\":{\"completion_tokens\": 42}}\n\n",
        "data: [DONE]\n\n")).isEqualTo(42);
  }

  @Test
  void readsUsageAtTheEndOfAPlainJsonBody() {
    assertThat(tokens("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
        + "\"total_tokens\":12}}")).isEqualTo(7);
  }

  @Test
  void keepsOnlyTheTailSoAnEarlyValueFallsOut() {
    String early = "{\"completion_tokens\":1}";
    String filler = "x".repeat(UsageTail.CAPACITY);
    assertThat(tokens(early, filler)).isEqualTo(-1);
    assertThat(tokens(early, filler, "{\"completion_tokens\":9}")).isEqualTo(9);
  }

  @Test
  void aNumberCutByTheEndIsNotTrusted() {
    assertThat(tokens("{\"completion_tokens\":12")).isEqualTo(-1);
  }

  @Test
  void splitAcrossChunksAndTheRingEdgeStillReads() {
    String filler = "y".repeat(UsageTail.CAPACITY - 10);
    assertThat(tokens(filler, "{\"completion_", "tokens\":3}")).isEqualTo(3);
  }

  @Test
  void noUsageIsMinusOne() {
    assertThat(tokens()).isEqualTo(-1);
    assertThat(tokens("data: [DONE]\n\n")).isEqualTo(-1);
  }
}
