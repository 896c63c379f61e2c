package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpGatewayEventLoopsTest {

  @Test
  void everyStartRunsOneInstanceOnEachEventLoop() throws Exception {
    // Before the spread check about one start in three put both instances on one thread.
    for (int start = 0; start < 12; start++) {
      try (GatewayFixture f = GatewayFixture.inFrontOf(1)) {
        assertThat(f.gateway.eventLoopThreads()).as("event-loop threads of start %d", start)
            .hasSize(2);
      }
    }
  }
}
