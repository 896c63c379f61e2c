package io.inferoute.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.policy.BreakerSettings;
import io.inferoute.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on one breaker (or one fleet): afterwards the state is consistent. */
class CircuitBreakerStressTest {
  static final int THREADS = 8;
  static final Duration BASE = Duration.ofSeconds(1);
  static final Set<String> LEGAL = Set.of(
      "CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "HALF_OPEN->CLOSED");

  final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  final FakeTicker ticker = new FakeTicker();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
  }

  static BreakerSettings settings(int trials, int maxEjectionPercent) {
    return new BreakerSettings(3, 3, Duration.ofSeconds(1), 50, 10, BASE, BASE.multipliedBy(8),
        maxEjectionPercent, trials, 50);
  }

  @Test
  void trialPermitsAreNeverOverdrawnUnderContention() throws Exception {
    EjectionBudget budget = EjectionBudget.create(10);
    CircuitBreaker breaker = CircuitBreaker.create("e", settings(3, 10), ticker, budget);
    CircuitBreakerTest.report(breaker, Outcome.GATEWAY_FAILURE, 3);

    for (int round = 0; round < 50; round++) {
      ticker.advance(BASE.multipliedBy(8)); // time then stands still while threads race
      LongAdder granted = new LongAdder();
      runConcurrently(() -> {
        for (int i = 0; i < 500; i++) {
          if (breaker.tryDispatch()) {
            granted.increment();
          }
        }
      });
      assertThat(granted.sum()).as("round %d", round).isEqualTo(3);
      assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
      breaker.onOutcome(Outcome.FAILURE_5XX);
    }
    assertThat(budget.ejected()).isEqualTo(1);
  }

  @Test
  void fleetStaysConsistentUnderConcurrentOutcomesDispatchesAndTime() throws Exception {
    EjectionBudget budget = EjectionBudget.create(50);
    budget.setFleetSize(4);
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    Map<String, LongAdder> transitions = new ConcurrentHashMap<>();
    List<CircuitBreaker> fleet = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CircuitBreaker b = CircuitBreaker.create("e" + i, settings(2, 50), ticker, budget);
      b.addListener((name, from, to) -> {
        transitions.computeIfAbsent(name + ":" + from + "->" + to, k -> new LongAdder()).increment();
        if (!LEGAL.contains(from + "->" + to)) {
          violations.add("illegal " + from + "->" + to);
        }
        if (budget.ejected() > 2) {
          violations.add("budget overdrawn: " + budget.ejected());
        }
      });
      fleet.add(b);
    }

    runConcurrently(() -> hammer(fleet));

    assertThat(violations).isEmpty();
    long holding = fleet.stream().filter(b -> b.state() != BreakerState.CLOSED).count();
    assertThat(budget.ejected()).isEqualTo(holding).isBetween(0, 2);
    for (int i = 0; i < fleet.size(); i++) {
      assertConsistent("e" + i, (NonBlockingCircuitBreaker) fleet.get(i), transitions);
    }
    assertThat(transitions.keySet()).as("the run exercised every transition")
        .anyMatch(k -> k.endsWith("HALF_OPEN->CLOSED"))
        .anyMatch(k -> k.endsWith("HALF_OPEN->OPEN"));

    fleet.forEach(CircuitBreaker::release);
    assertThat(budget.ejected()).isZero();
  }

  @Test
  void releaseRacingAnEjectionNeverLeaksBudget() throws Exception {
    EjectionBudget budget = EjectionBudget.create(10);
    for (int round = 0; round < 300; round++) {
      CircuitBreaker b = CircuitBreaker.create("e", settings(1, 10), ticker, budget);
      CircuitBreakerTest.report(b, Outcome.GATEWAY_FAILURE, 2);
      runConcurrently(() -> {
        if (ThreadLocalRandom.current().nextBoolean()) {
          b.onOutcome(Outcome.GATEWAY_FAILURE);
        } else {
          b.release();
        }
      });
      b.release();
      assertThat(budget.ejected()).as("round %d", round).isZero();
    }
  }

  /** Each thread: a bounded random mix of dispatches, outcomes and small time steps. */
  private void hammer(List<CircuitBreaker> fleet) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 20_000; i++) {
      CircuitBreaker b = fleet.get(random.nextInt(fleet.size()));
      int op = random.nextInt(100);
      if (op < 40) {
        b.tryDispatch();
      } else if (op < 60) {
        b.onOutcome(Outcome.SUCCESS);
      } else if (op < 80) {
        b.onOutcome(random.nextBoolean() ? Outcome.FAILURE_5XX : Outcome.GATEWAY_FAILURE);
      } else if (op < 81) {
        ticker.advance(random.nextLong(BASE.toNanos() * 3));
      } else {
        b.allowsRequests();
        b.ejections();
      }
    }
  }

  /** Internal counts in range, and transitions form one path from CLOSED to the final state. */
  private static void assertConsistent(
      String name, NonBlockingCircuitBreaker b, Map<String, LongAdder> transitions) {
    BreakerStatus status = b.status();
    if (status instanceof HalfOpenStatus half) {
      assertThat(half.permitsLeft()).isBetween(0, 1);
      assertThat(half.successes()).isBetween(0, 1);
    }
    for (BreakerState s : BreakerState.values()) {
      long in = 0;
      long out = 0;
      for (BreakerState other : BreakerState.values()) {
        in += count(transitions, name + ":" + other + "->" + s);
        out += count(transitions, name + ":" + s + "->" + other);
      }
      long expected = (s == b.state() ? 1 : 0) - (s == BreakerState.CLOSED ? 1 : 0);
      assertThat(in - out).as("%s: in - out of %s", name, s).isEqualTo(expected);
    }
  }

  private static long count(Map<String, LongAdder> transitions, String key) {
    LongAdder adder = transitions.get(key);
    return adder == null ? 0 : adder.sum();
  }

  /** Runs {@code task} on every pool thread at once and waits for all of them. */
  private void runConcurrently(Runnable task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit((Callable<Void>) () -> {
        start.await();
        task.run();
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(1, TimeUnit.MINUTES);
    }
  }
}
