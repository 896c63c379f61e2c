package io.inferoute.bench.extproc;

import io.inferoute.bench.BenchFleets;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import java.nio.file.Path;

/** The policy Inferoute routes with during the benchmark. */
final class BenchPolicy {
  private BenchPolicy() {}

  /** The policy in {@code file}, failing with the loader's problems if it is not valid. */
  static RoutingPolicy load(Path file) {
    return PolicyLoader.load(file).requirePolicy();
  }

  /**
   * {@code n} endpoints serving {@link RequestSet#MODEL} ({@link BenchFleets#policy}): 40 % edge GPU, 40 % regional NPU, 20 %
   * cloud over four regions (seeded), and a latency route with a 300 ms SLO and prefix affinity
   * (64-character blocks, up to 256) — the fleet of the JMH decision benchmark.
   */
  static RoutingPolicy fleet(int n) {
    return BenchFleets.policy(n);
  }
}
