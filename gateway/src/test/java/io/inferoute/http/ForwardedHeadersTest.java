package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.routing.Headers;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  @Test
  void dropsReservedAndHopByHopRequestHeadersInAnyCase() {
    MultiMap in = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer k").add("X-Inferoute-Tier", "cloud").add("x-inferoute-decision", "forged")
        .add("X-Gateway-Destination-Endpoint", "10.0.0.1:80").add("x-gateway-destination-endpoint-served", "x")
        .add("Connection", "keep-alive").add("Transfer-Encoding", "chunked").add("Host", "gw")
        .add("Content-Length", "10").add("x-client-locality", "eu-west1").add("x-session", "s1");
    MultiMap out = MultiMap.caseInsensitiveMultiMap();

    ForwardedHeaders.copyRequestHeaders(in, out);

    assertThat(out.names()).containsExactlyInAnyOrder("Authorization", "x-client-locality", "x-session");
  }

  @Test
  void theEngineDoesNotSeeReservedHeaders() {
    Headers h = ForwardedHeaders.forRouting(MultiMap.caseInsensitiveMultiMap()
        .add("X-Inferoute-Session", "forged").add("X-Session", "s1"));

    assertThat(h.get("x-inferoute-session")).isNull();
    assertThat(h.get("x-session")).isEqualTo("s1");
  }

  @Test
  void keepsEndpointLoadReportsAndHopByHopHeadersFromClients() {
    MultiMap in = MultiMap.caseInsensitiveMultiMap().add("content-type", "text/event-stream")
        .add("endpoint-load-metrics", "TEXT cpu_utilization=0.3").add("transfer-encoding", "chunked")
        .add("x-request-id", "r1");
    MultiMap out = MultiMap.caseInsensitiveMultiMap();

    ForwardedHeaders.copyResponseHeaders(in, out);

    assertThat(out.names()).containsExactlyInAnyOrder("content-type", "x-request-id");
  }
}
