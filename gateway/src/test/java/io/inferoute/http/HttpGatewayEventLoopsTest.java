package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.chat;
import static io.inferoute.http.GatewayFixture.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
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

  @Test
  void onLinuxX86ItRunsOnEpollAndProxiesThere() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").matches("amd64|x86_64"),
        "the gateway ships the native epoll library for linux-x86_64 only; elsewhere it uses NIO");
    assertThat(Epoll.isAvailable()).as("native epoll library: %s", Epoll.unavailabilityCause())
        .isTrue();
    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      assertThat(f.gateway.nativeTransport()).isTrue();
      assertThat(f.postJson("/v1/chat/completions", chat("m1", 3, false)).statusCode())
          .isEqualTo(200);
    }
  }
}
