package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.Outcome;
import io.inferoute.bench.lab.RunSpec;
import io.inferoute.sim.SimulatedFleet;
import io.inferoute.sim.SimulatedServer;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a trace open-loop: each request at its arrival time from the start, whatever happened to
 * the ones before, to a replica drawn with the run's seed; applies the run's failure on the same
 * clock; waits (bounded) until every request has an outcome.
 */
final class OpenLoop {
  /** Time between starting the clock and the first arrival, so scheduling is done by then. */
  private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final int REVIVE_ATTEMPTS = 50;
  private static final long REVIVE_RETRY_MILLIS = 100;

  private final Vertx vertx;
  private final SimulatedFleet fleet;
  private final long timeoutNanos;
  private final PrintStream log;

  OpenLoop(Vertx vertx, SimulatedFleet fleet, long timeoutNanos, PrintStream log) {
    this.vertx = vertx;
    this.fleet = fleet;
    this.timeoutNanos = timeoutNanos;
    this.log = log;
  }

  /** Runs {@code trace} through {@code sender}; returns outcomes in trace order and the wall time. */
  Result run(RunSpec spec, List<LabRequest> trace, RequestSender sender) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(trace.size());
    long start = System.nanoTime() + LEAD_NANOS;
    List<ResponseRecorder> recorders = new ArrayList<>(trace.size());
    SplittableRandom replicas = new SplittableRandom(spec.seed());
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lab-pacer");
      t.setDaemon(true);
      return t;
    });
    long lastArrival = 0;
    try {
      for (LabRequest request : trace) {
        ResponseRecorder recorder = new ResponseRecorder(request, start, done);
        recorders.add(recorder);
        int replica = replicas.nextInt(spec.replicas());
        at(pacer, start + request.arrivalNanos(), () -> send(sender, request, replica, recorder));
        lastArrival = Math.max(lastArrival, request.arrivalNanos());
      }
      RunSpec.Failure failure = spec.failure();
      if (failure != null) {
        at(pacer, start + failure.killAtNanos(), () -> failure(failure.endpoint(), true));
        at(pacer, start + failure.reviveAtNanos(), () -> failure(failure.endpoint(), false));
      }
      long deadline = start + lastArrival + timeoutNanos + TimeUnit.SECONDS.toNanos(10);
      if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        log.println("lab: " + done.getCount() + " requests without an outcome at the deadline");
      }
    } finally {
      pacer.shutdownNow();
      pacer.awaitTermination(5, TimeUnit.SECONDS);
    }
    return result(recorders, start);
  }

  private void send(RequestSender sender, LabRequest request, int replica, ResponseRecorder recorder) {
    vertx.setTimer(Math.max(1, timeoutNanos / 1_000_000), id -> recorder.timeout(timeoutNanos));
    try {
      sender.send(request, replica, recorder);
    } catch (RuntimeException e) {
      recorder.failed(0, "client: " + ResponseRecorder.describe(e));
    }
  }

  private void failure(String endpoint, boolean kill) {
    // Not waited for: the pacer must keep sending on time.
    var server = fleet.server(endpoint);
    if (kill) {
      server.kill().whenComplete((v, e) -> log.println(e == null ? "lab: killed " + endpoint
          : "lab: could not kill " + endpoint + ": " + e));
    } else {
      revive(server, endpoint, REVIVE_ATTEMPTS);
    }
  }

  /** Revives, retrying while another process holds the freed port for a moment. */
  private void revive(SimulatedServer server, String endpoint, int attemptsLeft) {
    server.revive().whenComplete((v, e) -> {
      if (e == null) {
        log.println("lab: revived " + endpoint);
      } else if (attemptsLeft > 1) {
        vertx.setTimer(REVIVE_RETRY_MILLIS, id -> revive(server, endpoint, attemptsLeft - 1));
      } else {
        log.println("lab: could not revive " + endpoint + ": " + e);
      }
    });
  }

  private static void at(ScheduledExecutorService pacer, long nanoTime, Runnable action) {
    pacer.schedule(action, nanoTime - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  private static Result result(List<ResponseRecorder> recorders, long start) {
    List<Outcome> outcomes = new ArrayList<>(recorders.size());
    long last = start;
    long first = Long.MAX_VALUE;
    for (ResponseRecorder r : recorders) {
      Outcome o = r.outcome();
      outcomes.add(o);
      first = Math.min(first, start + o.sentNanos());
      last = Math.max(last, r.endedAt());
    }
    return new Result(outcomes, recorders.isEmpty() ? 0 : Math.max(0, last - first));
  }

  /** Outcomes in trace order, and the time from the first send to the last outcome. */
  record Result(List<Outcome> outcomes, long wallNanos) {}
}
