package io.inferoute.bench.lab.workload;

import io.inferoute.bench.lab.LabRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mixed priorities: interactive chat sessions (with a TTFT SLO) beside batch document work
 * (without), both from clients spread over the edge sites. The two parts are generated with
 * different seeds derived from the shape's and merged by arrival time.
 *
 * @param interactive the interactive part
 * @param batch the batch part
 * @param interactiveShare the share of requests that are interactive, in (0, 1)
 */
public record MixedWorkload(ChatWorkload interactive, DocumentWorkload batch, double interactiveShare)
    implements Workload {

  public MixedWorkload {
    if (!interactive.interactive() || batch.interactive()) {
      throw new IllegalArgumentException("parts: interactive=" + interactive.interactive()
          + ", batch=" + !batch.interactive() + " (expected: an interactive chat and batch documents)");
    }
    Draws.require("interactiveShare", interactiveShare, interactiveShare > 0 && interactiveShare < 1,
        "in (0, 1)");
  }

  /** The lab's mix: 70% interactive standard chat, 30% batch document summaries. */
  public static MixedWorkload standard() {
    return new MixedWorkload(ChatWorkload.standard(), DocumentWorkload.standard().asBatch(), 0.7);
  }

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%.0f%% interactive chat (%s) and %.0f%% batch documents (%s)",
        100 * interactiveShare, interactive.describe(), 100 * (1 - interactiveShare),
        batch.describe());
  }

  @Override
  public List<LabRequest> trace(TraceShape shape) {
    double rate = shape.requestsPerSecond();
    List<LabRequest> all = new ArrayList<>(
        interactive.trace(shape.withRate(rate * interactiveShare).withSeed(shape.seed() * 31 + 1)));
    all.addAll(batch.trace(shape.withRate(rate * (1 - interactiveShare)).withSeed(shape.seed() * 31 + 2)));
    return Workload.indexed(all);
  }
}
