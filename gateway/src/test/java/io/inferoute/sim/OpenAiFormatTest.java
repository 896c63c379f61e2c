package io.inferoute.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's OpenAI-format error and model-list bodies, byte for byte. */
class OpenAiFormatTest {

  @Test
  void errorBodyHasANullParam() {
    assertThat(OpenAiFormat.error("body: unreadable", "invalid_request_error", "invalid_json"))
        .isEqualTo("{\"error\":{\"message\":\"body: unreadable\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_json\"}}");
  }

  @Test
  void modelListKeepsTheConfiguredOrderAndIsOwnedByTheSimulator() {
    assertThat(OpenAiFormat.models(List.of("m2", "m1")))
        .isEqualTo("{\"object\":\"list\",\"data\":["
            + "{\"id\":\"m2\",\"object\":\"model\",\"created\":0,\"owned_by\":\"inferoute-sim\"},"
            + "{\"id\":\"m1\",\"object\":\"model\",\"created\":0,\"owned_by\":\"inferoute-sim\"}]}");
  }
}
