package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final List<RoutingPolicy> delivered = new CopyOnWriteArrayList<>();

  private PolicyReloader.Builder watching(Path file) {
    return PolicyReloader.builder(file).debounce(Duration.ofMillis(50)).clock(CLOCK)
        .listener(delivered::add);
  }

  @Test
  void deliversAValidChangeToTheListenerAndMakesItCurrent() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.valid("one", 1));
    try (PolicyReloader reloader = watching(file).start()) {
      assertThat(reloader.current().name()).isEqualTo("one");

      Files.writeString(file, TestPolicies.valid("two", 2));

      await().atMost(WAIT).until(() -> reloader.current().name().equals("two"));
      assertThat(delivered).extracting(RoutingPolicy::name).containsExactly("two");
      assertThat(reloader.current().endpoints()).hasSize(2);
      PolicyStatus status = reloader.status();
      assertThat(status.generation()).isEqualTo(2);
      assertThat(status.lastOutcome()).isEqualTo(ReloadOutcome.ACCEPTED);
      assertThat(status.loadedAt()).isEqualTo(CLOCK.instant());
      assertThat(status.accepted()).isEqualTo(2);
    }
  }

  @Test
  void rejectsAnInvalidFileAsAWholeAndKeepsTheLastGoodPolicy() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.valid("good", 1));
    try (PolicyReloader reloader = watching(file).start()) {
      RoutingPolicy good = reloader.current();

      Files.writeString(file, TestPolicies.invalid("bad"));

      await().atMost(WAIT).until(() -> reloader.count(ReloadOutcome.REJECTED) == 1);
      assertThat(reloader.current()).isSameAs(good);
      assertThat(delivered).isEmpty();
      PolicyStatus status = reloader.status();
      assertThat(status.lastOutcome()).isIn(ReloadOutcome.REJECTED, ReloadOutcome.UNCHANGED);
      assertThat(status.policyName()).isEqualTo("good");
      assertThat(status.rejected()).isEqualTo(1);
      assertThat(status.errors()).extracting(PolicyProblem::withoutFile)
          .containsExactly("9:7: spec.endpoints[0].tear: unknown field (did you mean \"tier\"?)");
      assertThat(status.toJson()).contains("\"lastOutcome\"", "\"rejected\":1", "unknown field");
    }
  }

  @Test
  void followsAKubernetesConfigMapSymlinkSwap() throws IOException {
    Path v1 = Files.createDirectory(dir.resolve("..2025_01_01_v1"));
    Files.writeString(v1.resolve("policy.yaml"), TestPolicies.valid("v1", 1));
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path file = Files.createSymbolicLink(dir.resolve("policy.yaml"), Path.of("..data", "policy.yaml"));
    try (PolicyReloader reloader = watching(file).start()) {
      assertThat(reloader.current().name()).isEqualTo("v1");

      // What the kubelet does: write a new timestamped directory, then swap ..data atomically.
      Path v2 = Files.createDirectory(dir.resolve("..2025_01_01_v2"));
      Files.writeString(v2.resolve("policy.yaml"), TestPolicies.valid("v2", 3));
      Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
      Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

      await().atMost(WAIT).until(() -> reloader.current().name().equals("v2"));
      assertThat(reloader.current().endpoints()).hasSize(3);
    }
  }

  @Test
  void skipsContentThatHasNotChanged() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.valid("same", 1));
    try (PolicyReloader reloader = watching(file).watch(false).start()) {
      assertThat(reloader.reloadNow()).isEqualTo(ReloadOutcome.UNCHANGED);
      Files.writeString(file, TestPolicies.invalid("bad"));
      assertThat(reloader.reloadNow()).isEqualTo(ReloadOutcome.REJECTED);
      assertThat(reloader.reloadNow()).isEqualTo(ReloadOutcome.UNCHANGED);

      assertThat(reloader.count(ReloadOutcome.REJECTED)).isEqualTo(1);
      assertThat(reloader.count(ReloadOutcome.UNCHANGED)).isEqualTo(2);
      assertThat(reloader.status().errors()).hasSize(1);
    }
  }

  @Test
  void aListenerThatThrowsRefusesThePolicy() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.valid("old", 1));
    try (PolicyReloader reloader = PolicyReloader.builder(file).watch(false)
        .listener(p -> {
          throw new IllegalStateException("cannot compile " + p.name());
        }).start()) {
      Files.writeString(file, TestPolicies.valid("new", 1));

      assertThat(reloader.reloadNow()).isEqualTo(ReloadOutcome.REJECTED);
      assertThat(reloader.current().name()).isEqualTo("old");
      assertThat(reloader.status().errors()).singleElement().extracting(PolicyProblem::message)
          .asString().contains("refused by the router", "cannot compile new");
    }
  }

  @Test
  void refusesToStartOnAnInvalidFile() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.invalid("bad"));

    assertThatThrownBy(() -> PolicyReloader.builder(file).start())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown field")
        .satisfies(e -> assertThat(((InvalidPolicyException) e).result().errors()).hasSize(1));
  }

  @Test
  void closeStopsTheWatcherThread() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.valid("one", 1));
    PolicyReloader reloader = watching(file).start();
    assertThat(watcherThreads()).isNotEmpty().allMatch(Thread::isDaemon);

    reloader.close();

    await().atMost(WAIT).until(() -> watcherThreads().isEmpty());
    assertThat(reloader.current().name()).isEqualTo("one");
  }

  private static List<Thread> watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("inferoute-policy-watcher") && t.isAlive()).toList();
  }
}
