package io.inferoute.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared OpenAI bodies, byte for byte. */
class OpenAiBodiesTest {

  @Test
  void errorEscapesTheMessageAndHasANullParam() {
    assertThat(OpenAiBodies.error("say \"hi\"\n", "server_error", "x"))
        .isEqualTo("{\"error\":{\"message\":\"say \\\"hi\\\"\\n\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":\"x\"}}");
  }

  @Test
  void modelListKeepsTheGivenOrder() {
    assertThat(OpenAiBodies.modelList(List.of("b", "a"), "me"))
        .isEqualTo("{\"object\":\"list\",\"data\":["
            + "{\"id\":\"b\",\"object\":\"model\",\"created\":0,\"owned_by\":\"me\"},"
            + "{\"id\":\"a\",\"object\":\"model\",\"created\":0,\"owned_by\":\"me\"}]}");
  }

  @Test
  void emptyModelListHasAnEmptyDataArray() {
    assertThat(OpenAiBodies.modelList(List.of(), "me")).isEqualTo("{\"object\":\"list\",\"data\":[]}");
  }
}
