package io.inferoute.bench;

import io.inferoute.policy.Locality;
import io.inferoute.routing.Decision;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.time.Ticker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision with prefix affinity on, over fleets of 10 to 10,000 endpoints serving one
 * model. Prompts of 2,000 characters (31 blocks) share 8 system prompts, so most decisions find a
 * cached prefix; each decision also records its prefix, as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecisionBenchmark {
  @Param({"10", "100", "1000", "10000"})
  int endpoints;

  /** Whether every endpoint has a fresh load report (as a scraper keeps them), or none. */
  @Param({"false", "true"})
  boolean loadReports;

  private RoutingEngine engine;
  private ScheduledExecutorService scraper;
  private RoutingRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = RoutingEngine.create(BenchFleets.policy(endpoints), Ticker.systemTicker());
    if (loadReports) {
      // Reports expire after loadReportMaxAge (5 s): refresh them every second, off the measured
      // thread, like the scraper does.
      scraper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-load-reports");
        t.setDaemon(true);
        return t;
      });
      scraper.scheduleAtFixedRate(this::reportLoad, 0, 1, TimeUnit.SECONDS);
    }
    String[] prompts = BenchFleets.prompts(256, 2_000, 8);
    Locality[] origins = {Locality.parse("asia/asia-0/rack-1"), Locality.parse("eu/eu-1"),
        Locality.parse("us/us-2/rack-3")};
    requests = new RoutingRequest[prompts.length];
    for (int i = 0; i < prompts.length; i++) {
      requests[i] = RoutingRequest.of(BenchFleets.MODEL, prompts[i], origins[i % origins.length]);
      engine.decide(requests[i]);
    }
  }

  /** Varied, moderate load: some queues, a third of the slots running, KV cache 30-60 % used. */
  private void reportLoad() {
    int i = 0;
    for (var e : engine.fleet().endpoints()) {
      int slots = e.spec().maxConcurrency();
      e.telemetry().reportLoad(i % 3, slots / 3 + i % 2, 0.3 + (i % 4) * 0.1);
      i++;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (scraper != null) {
      scraper.shutdownNow();
    }
    engine.close();
  }

  @Benchmark
  public Decision decide() {
    RoutingRequest r = requests[next];
    next = (next + 1) & (requests.length - 1);
    return engine.decide(r);
  }
}
