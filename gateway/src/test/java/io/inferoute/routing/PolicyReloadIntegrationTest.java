package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.Locality;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.PolicyReloader;
import io.inferoute.policy.ReloadOutcome;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.time.Ticker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file drives the engine: valid versions swap in whole, invalid ones are rejected as a
 * whole while the last good policy keeps serving, and no decision ever mixes two versions.
 */
class PolicyReloadIntegrationTest {
  @TempDir Path dir;

  private static String policy(String prefix, int octet) {
    StringBuilder sb = new StringBuilder("""
        apiVersion: inferoute.io/v1alpha1
        kind: RoutingPolicy
        metadata: {name: %s}
        spec:
          endpoints:
        """.formatted("policy-" + prefix.charAt(0)));
    for (int i = 0; i < 4; i++) {
      sb.append("""
              - name: %s%d
                address: 10.%d.0.%d:8000
                tier: %s
                locality: asia/tokyo-a
                models: [llama-3.1-8b]
          """.formatted(prefix, i, octet, i + 1, RoutingPolicy.DEFAULT_TIERS.get(i % 3)));
    }
    return sb.toString();
  }

  private void write(Path file, String text) throws Exception {
    Path tmp = Files.createTempFile(dir, "policy", ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void reloadsSwapWholePoliciesAndInvalidOnesKeepTheLastGood() throws Exception {
    Path file = dir.resolve("policy.yaml");
    String a = policy("a-", 1);
    String b = policy("b-", 2);
    String invalid = b.replace("tier: cloud", "tier: clowd");
    assertThat(PolicyLoader.parse(invalid, "x").ok()).isFalse();
    write(file, a);
    RoutingEngine engine = RoutingEngine.create(PolicyLoader.load(file).requirePolicy(), Ticker.systemTicker());
    try (engine; PolicyReloader reloader = PolicyReloader.builder(file).watch(false)
        .listener(engine::apply).start()) {
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread reader = new Thread(() -> {
          try {
            for (int i = 0; i < 2_000_000 && !stop.get(); i++) {
              Placement p = (Placement) engine.decide(RoutingRequest.of("llama-3.1-8b",
                  "prompt " + (i % 50) + " ".repeat(64), Locality.parse("asia/tokyo-a")));
              char family = p.primary().name().charAt(0);
              for (int f = 0; f < p.fallbackCount(); f++) {
                assertThat(p.fallback(f).name().charAt(0)).isEqualTo(family);
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        reader.start();
        readers.add(reader);
      }
      String[] versions = {b, invalid, a, invalid, b, a};
      for (int round = 0; round < 50; round++) {
        String text = versions[round % versions.length];
        write(file, text);
        ReloadOutcome outcome = reloader.reloadNow();
        String expectedPrefix = text == invalid ? null : text == a ? "a-" : "b-";
        if (expectedPrefix == null) {
          assertThat(outcome).isEqualTo(ReloadOutcome.REJECTED);
          assertThat(reloader.status().errors()).isNotEmpty();
        } else {
          assertThat(outcome).isIn(ReloadOutcome.ACCEPTED, ReloadOutcome.UNCHANGED);
        }
        String active = engine.policy().name();
        assertThat(engine.fleet().endpoints()).allMatch(e -> e.name().charAt(0) == active.charAt(7));
        if (expectedPrefix != null) {
          assertThat(active).isEqualTo("policy-" + expectedPrefix.charAt(0));
        }
      }
      stop.set(true);
      for (Thread r : readers) {
        r.join(30_000);
      }
      assertThat(failures).isEmpty();
      assertThat(reloader.count(ReloadOutcome.REJECTED)).isPositive();
      assertThat(reloader.count(ReloadOutcome.ACCEPTED)).isGreaterThan(10);
    }
  }
}
