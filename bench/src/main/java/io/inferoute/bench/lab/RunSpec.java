package io.inferoute.bench.lab;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One run of the lab: a trace through fresh gateway process(es) with one strategy.
 *
 * @param scenario the scenario's name, e.g. {@code chat}
 * @param strategy the placement strategy every route of the generated policy uses
 * @param path whether the client goes through the HTTP gateway or plays Envoy against ext_proc
 * @param replicas independent gateway processes sharing the load (each request to one of them,
 *     chosen at random with the run's seed)
 * @param failure an endpoint to kill and revive during the run, or null
 * @param ttftSlo the interactive routes' TTFT SLO (p95), also the SLO-attainment threshold
 * @param seed seeds everything random in the run (replica choice)
 */
public record RunSpec(
    String scenario,
    Strategy strategy,
    GatewayPath path,
    int replicas,
    @Nullable Failure failure,
    Duration ttftSlo,
    long seed) {

  public RunSpec {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ttftSlo, "ttftSlo");
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas: " + replicas + " (expected: >= 1)");
    }
  }

  /** How the client reaches the router. */
  public enum GatewayPath {
    /** OpenAI-compatible requests to the HTTP gateway, which forwards them. */
    HTTP,
    /** The client plays Envoy: a {@code Process} stream decides, then it sends to the endpoint. */
    EXT_PROC
  }

  /**
   * A node failure: the endpoint stops answering (connections refused, its cache lost) at
   * {@code killAtNanos} and comes back empty at {@code reviveAtNanos}, both from the run's start.
   */
  public record Failure(String endpoint, long killAtNanos, long reviveAtNanos) {
    public Failure {
      Objects.requireNonNull(endpoint, "endpoint");
      if (killAtNanos < 0 || reviveAtNanos <= killAtNanos) {
        throw new IllegalArgumentException("failure: kill at " + killAtNanos + ", revive at "
            + reviveAtNanos + " (expected: 0 <= kill < revive)");
      }
    }
  }
}
