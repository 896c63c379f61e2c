package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads decide, dispatch and complete while another swaps policies: no decision mixes two
 * policies, nothing throws, and no in-flight count is lost.
 */
class RoutingConcurrencyTest {
  private static List<EndpointSpec> fleet(String prefix, int octet) {
    List<EndpointSpec> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      out.add(EndpointSpec.builder(prefix + i).address("10." + octet + ".0." + (i + 1) + ":8000")
          .tier(RoutingPolicy.DEFAULT_TIERS.get(i % 3)).locality("asia/tokyo-a")
          .models(TestFleets.MODEL).maxConcurrency(1_000_000).build());
    }
    return out;
  }

  @Test
  void decisionsNeverSeeAHalfAppliedPolicyAndInFlightCountsBalance() throws Exception {
    RoutingPolicy a = TestFleets.policy(fleet("a-", 1), TestFleets.latencyRoute(500));
    RoutingPolicy b = TestFleets.policy(fleet("b-", 2), TestFleets.latencyRoute(500));
    // Endpoints shared by both policies keep their state; these two share none, so every swap
    // replaces the whole fleet: the hardest case for a torn read.
    try (RoutingEngine engine = RoutingEngine.create(a, Ticker.systemTicker())) {
      int threads = 4;
      int decisionsPerThread = 20_000;
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Endpoint> used = new ConcurrentLinkedQueue<>();
      AtomicLong placed = new AtomicLong();
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        int seed = t;
        Thread worker = new Thread(() -> {
          try {
            for (int i = 0; i < decisionsPerThread; i++) {
              String prompt = "session " + ((seed * 31 + i) % 97) + " ".repeat(70);
              Decision d = engine.decide(RoutingRequest.of(TestFleets.MODEL, prompt,
                  Locality.parse("asia/tokyo-a")));
              Placement p = (Placement) d;
              char family = p.primary().name().charAt(0);
              for (int f = 0; f < p.fallbackCount(); f++) {
                if (p.fallback(f).name().charAt(0) != family) {
                  throw new AssertionError("mixed policies in one decision: " + p);
                }
              }
              if (engine.dispatched(p.primary())) {
                engine.completed(p.primary(), Completion.ofStatus(200, 1_000, 2_000, 2));
                used.add(p.primary());
              }
              placed.incrementAndGet();
            }
          } catch (Throwable e) {
            failures.add(e);
          } finally {
            done.countDown();
          }
        });
        worker.start();
      }
      Thread swapper = new Thread(() -> {
        int i = 0;
        while (!stop.get() && i < 1_000_000) {
          engine.apply(i++ % 2 == 0 ? b : a);
        }
      });
      swapper.start();
      assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      swapper.join(10_000);
      assertThat(failures).isEmpty();
      assertThat(placed.get()).isEqualTo((long) threads * decisionsPerThread);
      for (Endpoint e : used) {
        assertThat(e.telemetry().inFlight()).as("in flight on %s", e).isZero();
      }
    }
  }
}
