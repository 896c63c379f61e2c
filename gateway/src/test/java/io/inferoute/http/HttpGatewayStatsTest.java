package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.routing.RejectReason;
import org.junit.jupiter.api.Test;

class HttpGatewayStatsTest {
  @Test
  void countsByStatusClassAndReasonAndSubtractsEarlierReadings() {
    GatewayCounters counters = new GatewayCounters();
    counters.requests.increment();
    counters.response(200);
    counters.response(429);
    counters.reject(RejectReason.SATURATED);
    HttpGatewayStats before = counters.snapshot();
    counters.response(503);
    counters.reject(RejectReason.SATURATED);
    counters.retries.increment();

    HttpGatewayStats delta = counters.snapshot().minus(before);

    assertThat(before.responses(2)).isEqualTo(1);
    assertThat(before.responses(4)).isEqualTo(1);
    assertThat(delta.responses(5)).isEqualTo(1);
    assertThat(delta.responses(2)).isZero();
    assertThat(delta.rejects(RejectReason.SATURATED)).isEqualTo(1);
    assertThat(delta.rejects(RejectReason.UNKNOWN_MODEL)).isZero();
    assertThat(delta.retries()).isEqualTo(1);
  }

  @Test
  void tracksThePeakOfBytesQueuedTowardsClients() {
    GatewayCounters counters = new GatewayCounters();
    counters.queued(100);
    counters.queued(50);
    counters.flushed(150);
    counters.queued(10);

    assertThat(counters.peakQueuedBytes()).isEqualTo(150);
    assertThat(counters.queuedBytes()).isEqualTo(10);
  }
}
