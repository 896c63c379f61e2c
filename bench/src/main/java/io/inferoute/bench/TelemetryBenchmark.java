package io.inferoute.bench;

import io.inferoute.policy.TelemetrySettings;
import io.inferoute.telemetry.EndpointTelemetry;
import io.inferoute.telemetry.LatencyMetric;
import io.inferoute.time.Ticker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Recording one latency value into an endpoint's window (the writer side, on request threads). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TelemetryBenchmark {
  private EndpointTelemetry telemetry;
  private long value;

  @Setup
  public void setUp() {
    telemetry = EndpointTelemetry.create(TelemetrySettings.DEFAULT, Ticker.systemTicker());
  }

  @Benchmark
  public void recordTtft() {
    value = (value * 6364136223846793005L + 1442695040888963407L);
    telemetry.record(LatencyMetric.TTFT, 1_000_000L + (value >>> 40));
  }
}
