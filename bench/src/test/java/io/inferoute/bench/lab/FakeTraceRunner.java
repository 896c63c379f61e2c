package io.inferoute.bench.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runner that answers every trace at once, from a formula: round robin slow, the others fast,
 * endpoints in turn, half the prompt cached; the failed node's requests inside the failure window
 * get 503. Each run advances a fake clock by a fixed time.
 */
final class FakeTraceRunner implements TraceRunner {
  static final List<FleetNode> FLEET = List.of(
      new FleetNode("edge-a", "edge-gpu", "eu-west/paris", 8_000, 100, 2_048, 1, 2, 0.10, 0.40),
      new FleetNode("npu-a", "regional-npu", "eu-west/dc", 3_000, 60, 16_384, 1, 2, 0.04, 0.16),
      new FleetNode("cloud-a", "cloud", "us-east/a", 20_000, 150, 65_536, 2, 4, 0.60, 2.40));
  static final List<String> SITES = List.of("eu-west/paris", "eu-central/berlin");
  static final long SECONDS_PER_RUN = 5;

  final AtomicLong clock = new AtomicLong();
  final List<RunSpec> specs = new ArrayList<>();
  private final Strategy failing;

  FakeTraceRunner(Strategy failing) {
    this.failing = failing;
  }

  @Override
  public List<FleetNode> fleet() {
    return FLEET;
  }

  @Override
  public RunOutput run(RunSpec spec, List<LabRequest> trace) {
    specs.add(spec);
    clock.addAndGet(SECONDS_PER_RUN * 1_000_000_000L);
    if (spec.strategy() == failing && spec.scenario().equals("documents")) {
      throw new IllegalStateException("gateway did not start");
    }
    List<Outcome> outcomes = new ArrayList<>();
    long ttft = spec.strategy() == Strategy.ROUND_ROBIN ? 800_000_000L : 80_000_000L;
    for (LabRequest r : trace) {
      FleetNode node = FLEET.get(r.index() % FLEET.size());
      RunSpec.Failure f = spec.failure();
      if (f != null && node.name().equals(f.endpoint()) && r.arrivalNanos() >= f.killAtNanos()
          && r.arrivalNanos() < f.reviveAtNanos()) {
        outcomes.add(new Outcome(r, 503, r.arrivalNanos(), -1, -1, 0, 0, 0, null, "unavailable"));
        continue;
      }
      int prompt = (r.promptChars() + 3) / 4;
      outcomes.add(new Outcome(r, 200, r.arrivalNanos(), ttft, ttft + 1_000_000_000L, prompt,
          prompt / 2, r.maxTokens(), node.name(), null));
    }
    long last = trace.isEmpty() ? 0 : trace.get(trace.size() - 1).arrivalNanos();
    return new RunOutput(spec, outcomes, last + 2_000_000_000L);
  }

  @Override
  public void close() {}
}
