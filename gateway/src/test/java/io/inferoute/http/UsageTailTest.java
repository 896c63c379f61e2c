package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UsageTailTest {
  private static final String USAGE_EVENT = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
      + "\"completion_tokens\":42,\"total_tokens\":49}}\n\ndata: [DONE]\n\n";

  static UsageTail fed(String... chunks) {
    UsageTail tail = new UsageTail();
    for (String c : chunks) {
      tail.append(Buffer.buffer(c));
    }
    return tail;
  }

  @Test
  void readsCompletionTokensFromTheLastSseUsageEvent() {
    String tokens = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\n\n".repeat(500);

    assertThat(fed(tokens, USAGE_EVENT).completionTokens()).isEqualTo(42);
  }

  @Test
  void readsCompletionTokensFromAJsonBodyWithSpaces() {
    assertThat(fed("{\"usage\": {\"completion_tokens\" :  17 }}").completionTokens()).isEqualTo(17);
  }

  @Test
  void saysUnknownWithoutUsageOrWithACutNumber() {
    assertThat(fed("data: {\"choices\":[]}\n\n").completionTokens()).isEqualTo(-1);
    assertThat(fed("{\"usage\":{\"completion_tokens\":12").completionTokens()).isEqualTo(-1);
  }

  @Test
  void keepsOnlyTheLastBytesOfALongResponse() {
    UsageTail tail = fed("a".repeat(10_000), USAGE_EVENT);

    assertThat(tail.bytes()).hasSize(UsageTail.CAPACITY);
    assertThat(new String(tail.bytes(), StandardCharsets.US_ASCII)).endsWith(USAGE_EVENT);
  }

  @Property(tries = 300)
  void theTailIsTheLastBytesWhateverTheChunking(@ForAll @Size(max = 40) byte[][] chunks,
      @ForAll @IntRange(min = 1, max = 64) int capacity) {
    UsageTail tail = new UsageTail(capacity);
    byte[] all = new byte[0];
    for (byte[] c : chunks) {
      tail.append(Buffer.buffer(c));
      byte[] grown = Arrays.copyOf(all, all.length + c.length);
      System.arraycopy(c, 0, grown, all.length, c.length);
      all = grown;
    }

    assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(all, Math.max(0, all.length - capacity), all.length));
  }
}
