package io.inferoute.bench.lab;

import java.util.List;
import java.util.Objects;

/**
 * What one run produced.
 *
 * @param spec the run
 * @param outcomes one per request of the trace, in trace order
 * @param wallNanos from the first send to the last outcome
 */
public record RunOutput(RunSpec spec, List<Outcome> outcomes, long wallNanos) {
  public RunOutput {
    Objects.requireNonNull(spec, "spec");
    outcomes = List.copyOf(outcomes);
  }
}
