package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.testing.FakeTicker;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A decision allocates its Placement and fallback array, not per candidate: counted with the
 * JVM's per-thread allocation counter (bytes, not time), with filtered candidates in the mix.
 */
class DecisionAllocationTest {
  @Test
  void decisionsWithFilteredCandidatesAllocateLessThan256Bytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    RoutingPolicy policy = TestFleets.policy(TestFleets.standardFleet(),
        TestFleets.latencyRoute(150).withBudget(0.5));
    try (RoutingEngine engine = RoutingEngine.create(
        new RoutingPolicy(policy.name(), policy.tiers(), policy.rtt(), policy.endpoints(),
            policy.routes(), policy.defaultRoute(), TestFleets.twitchyBreaker(0), policy.telemetry()),
        new FakeTicker())) {
      Endpoint edge1 = engine.fleet().byName("edge-1");
      for (int i = 0; i < 8; i++) {
        engine.dispatched(edge1); // saturated
      }
      Endpoint npu1 = engine.fleet().byName("npu-1");
      engine.dispatched(npu1);
      engine.completed(npu1, new Completion(Outcome.GATEWAY_FAILURE, -1, 1, -1)); // unhealthy
      // cloud-1 exceeds the budget; the rest are scored.
      RoutingRequest[] requests = new RoutingRequest[64];
      for (int i = 0; i < requests.length; i++) {
        requests[i] = RoutingRequest.of(TestFleets.MODEL, ("system prompt " + i % 4).repeat(60) + i,
            Locality.parse("asia/tokyo-a")).withHeaders(Headers.of(Map.of("x-session-id", "s" + i)));
      }
      long threadId = Thread.currentThread().getId();
      for (int i = 0; i < 50_000; i++) {
        engine.decide(requests[i & 63]);
      }
      int n = 20_000;
      int placed = 0;
      long before = threads.getThreadAllocatedBytes(threadId);
      for (int i = 0; i < n; i++) {
        if (engine.decide(requests[i & 63]) instanceof Placement) {
          placed++;
        }
      }
      long perDecision = (threads.getThreadAllocatedBytes(threadId) - before) / n;
      assertThat(placed).isEqualTo(n);
      assertThat(perDecision).as("bytes allocated per decision").isLessThan(256);
    }
  }
}
