package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.routing.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own OpenAI-format bodies, byte for byte. */
class OpenAiErrorsTest {

  @Test
  void rejectionBodyCarriesTheReasonsTypeAndCode() {
    assertThat(OpenAiErrors.error(RejectReason.UNKNOWN_MODEL, "model: \"m9\" (expected: a served model)"))
        .isEqualTo("{\"error\":{\"message\":\"model: \\\"m9\\\" (expected: a served model)\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");
  }

  @Test
  void sseErrorEventEndsACutEventBeforeItself() {
    String error = "{\"error\":{\"message\":\"gone\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":\"upstream_stream_broken\"}}";

    assertThat(OpenAiErrors.sseErrorEvent(RejectReason.UPSTREAM_STREAM_BROKEN, "gone", true).toString())
        .isEqualTo("data: " + error + "\n\n");
    assertThat(OpenAiErrors.sseErrorEvent(RejectReason.UPSTREAM_STREAM_BROKEN, "gone", false).toString())
        .isEqualTo("\n\ndata: " + error + "\n\n");
  }

  @Test
  void modelListIsSortedAndOwnedByInferoute() {
    assertThat(OpenAiErrors.models(List.of("m2", "m1")))
        .isEqualTo("{\"object\":\"list\",\"data\":["
            + "{\"id\":\"m1\",\"object\":\"model\",\"created\":0,\"owned_by\":\"inferoute\"},"
            + "{\"id\":\"m2\",\"object\":\"model\",\"created\":0,\"owned_by\":\"inferoute\"}]}");
  }
}
