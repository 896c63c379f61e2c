package io.inferoute.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.telemetry.LatencyMetric;
import org.junit.jupiter.api.Test;

class ExtProcHandlerBenchmarkTest {
  @Test
  void theStreamedResponseIsAcceptedAndFedBackToTheChosenEndpoint() {
    ExtProcHandlerBenchmark bench = new ExtProcHandlerBenchmark();
    bench.bodyBytes = 4096;
    bench.endpoints = 100;
    bench.responseChunks = 5;
    bench.setUp();
    try {
      long answered = bench.request(); // throws when the server failed the stream
      // Answers: request headers, request body, response headers, then one per body chunk.
      assertThat(answered).isGreaterThan(0);
      bench.engine.harvestNow();
      long ttfts = 0;
      long perToken = 0;
      for (Endpoint e : bench.engine.fleet().endpoints()) {
        ttfts += e.telemetry().latency(LatencyMetric.TTFT).count();
        perToken += e.telemetry().latency(LatencyMetric.TIME_PER_OUTPUT_TOKEN).count();
      }
      assertThat(ttfts).as("TTFT recorded from the first chunk").isEqualTo(1);
      // Time per output token is recorded only when the usage event gave the token count.
      assertThat(perToken).as("usage read from the last chunk").isEqualTo(1);
      assertThat(bench.engine.fleet().endpoints()).allMatch(e -> e.telemetry().inFlight() == 0);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void withoutAResponseTheRequestPathAloneIsDriven() {
    ExtProcHandlerBenchmark bench = new ExtProcHandlerBenchmark();
    bench.bodyBytes = 4096;
    bench.endpoints = 100;
    bench.setUp();
    try {
      bench.request();
      bench.engine.harvestNow();
      long ttfts = 0;
      for (Endpoint e : bench.engine.fleet().endpoints()) {
        ttfts += e.telemetry().latency(LatencyMetric.TTFT).count();
      }
      assertThat(ttfts).isZero();
    } finally {
      bench.tearDown();
    }
  }
}
