package io.inferoute.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, SUCCESS", "204, SUCCESS", "301, SUCCESS", "400, SUCCESS", "404, SUCCESS",
    "429, SUCCESS", "499, SUCCESS", "100, SUCCESS", "0, SUCCESS", "600, SUCCESS",
    "500, FAILURE_5XX", "501, FAILURE_5XX", "505, FAILURE_5XX", "507, FAILURE_5XX",
    "599, FAILURE_5XX",
    "502, GATEWAY_FAILURE", "503, GATEWAY_FAILURE", "504, GATEWAY_FAILURE",
  })
  void mapsHttpStatusToOutcome(int status, Outcome expected) {
    assertThat(Outcome.ofStatus(status)).isEqualTo(expected);
  }
}
