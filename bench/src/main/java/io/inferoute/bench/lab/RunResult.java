package io.inferoute.bench.lab;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one planned run gave: its summary (and timeline, for failure runs), or why it failed.
 *
 * @param run the run as first planned
 * @param summary its figures, or null when the run itself failed
 * @param timeline one-second buckets (failure runs only; else empty)
 * @param error why the run failed, or null
 */
public record RunResult(
    PlannedRun run, @Nullable RunSummary summary, List<Timeline.Bucket> timeline,
    @Nullable String error) {

  public RunResult {
    Objects.requireNonNull(run, "run");
    timeline = List.copyOf(timeline);
  }
}
