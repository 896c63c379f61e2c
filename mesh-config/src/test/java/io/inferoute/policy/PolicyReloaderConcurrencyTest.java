package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads valid and invalid policies many times while other threads read the current policy, and
 * checks that every policy any reader or the listener ever sees is one of the valid inputs, whole.
 */
class PolicyReloaderConcurrencyTest {
  private static final int VERSIONS = 5;
  private static final int RELOADS = 300;
  private static final int READERS = 3;

  @TempDir Path dir;

  @Test
  void noReaderEverSeesAHalfAppliedPolicy() throws Exception {
    Map<String, RoutingPolicy> valid = new HashMap<>();
    List<String> texts = new ArrayList<>();
    for (int v = 0; v < VERSIONS; v++) {
      String text = TestPolicies.valid("v" + v, v + 1);
      texts.add(text);
      valid.put("v" + v, PolicyLoader.parse(text, "v" + v).requirePolicy());
    }
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    Path file = Files.writeString(dir.resolve("policy.yaml"), texts.get(0));
    try (PolicyReloader reloader = PolicyReloader.builder(file).debounce(Duration.ofMillis(1))
        .listener(p -> check(p, valid, violations)).start()) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      CountDownLatch readersDone = new CountDownLatch(READERS);
      for (int i = 0; i < READERS; i++) {
        Thread reader = new Thread(() -> {
          while (!done.get()) {
            check(reloader.current(), valid, violations);
            reads.incrementAndGet();
          }
          readersDone.countDown();
        });
        reader.setDaemon(true);
        reader.start();
      }
      for (int i = 1; i <= RELOADS; i++) {
        // Every third write is invalid; the rest cycle through the valid versions. The watcher
        // reloads concurrently with these explicit reloads.
        // Replaced atomically, as a ConfigMap is: a reader of a half-written file could see a
        // shorter but valid policy, which is the writer's fault, not a half-applied policy.
        Path tmp = Files.writeString(dir.resolve("policy.tmp"),
            i % 3 == 0 ? TestPolicies.invalid("broken" + i) : texts.get(i % VERSIONS));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        reloader.reloadNow();
      }
      done.set(true);
      readersDone.await();

      assertThat(violations).isEmpty();
      assertThat(reads.get()).isPositive();
      assertThat(reloader.count(ReloadOutcome.REJECTED)).isPositive();
      assertThat(reloader.count(ReloadOutcome.ACCEPTED)).isGreaterThan(RELOADS / 2);
      check(reloader.current(), valid, violations);
      assertThat(violations).isEmpty();
    }
  }

  private static void check(RoutingPolicy seen, Map<String, RoutingPolicy> valid,
      ConcurrentLinkedQueue<String> violations) {
    if (!seen.equals(valid.get(seen.name()))) {
      violations.add("saw " + seen.name() + " with " + seen.endpoints().size() + " endpoints");
    }
  }
}
