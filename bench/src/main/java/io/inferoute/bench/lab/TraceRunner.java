package io.inferoute.bench.lab;

import java.util.List;

/**
 * Runs traces through real gateway processes in front of the lab's simulated fleet.
 *
 * <p>Each {@link #run} starts from a clean state: fresh gateway process(es), simulators with
 * empty caches and queues. Arrival times are honoured in real time (open loop).
 */
public interface TraceRunner extends AutoCloseable {

  /** The fleet every run uses. */
  List<FleetNode> fleet();

  /** Sends {@code trace} as {@code spec} says and returns an outcome per request. */
  RunOutput run(RunSpec spec, List<LabRequest> trace) throws Exception;

  @Override
  void close();
}
