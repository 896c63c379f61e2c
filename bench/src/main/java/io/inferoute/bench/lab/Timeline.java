package io.inferoute.bench.lab;

import java.util.ArrayList;
import java.util.List;

/** A run cut into fixed time buckets by when requests were sent: for the node-failure plot. */
public final class Timeline {
  private Timeline() {}

  /**
   * One bucket.
   *
   * @param startSeconds the bucket's start, from the run's start
   * @param sent requests sent in it
   * @param ttftP90Ms nearest-rank TTFT p90 of those that succeeded (NaN with none)
   * @param errorsPerSecond those that failed, per second
   */
  public record Bucket(double startSeconds, int sent, double ttftP90Ms, double errorsPerSecond) {}

  /** The buckets of {@code bucketNanos} covering every request of {@code output}. */
  public static List<Bucket> of(RunOutput output, long bucketNanos) {
    if (bucketNanos <= 0) {
      throw new IllegalArgumentException("bucketNanos: " + bucketNanos + " (expected: > 0)");
    }
    long last = output.outcomes().stream().mapToLong(Outcome::sentNanos).max().orElse(-1);
    int count = (int) (last / bucketNanos) + 1;
    List<List<Outcome>> buckets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      buckets.add(new ArrayList<>());
    }
    for (Outcome o : output.outcomes()) {
      buckets.get((int) (Math.max(0, o.sentNanos()) / bucketNanos)).add(o);
    }
    List<Bucket> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(bucket(i * bucketNanos / 1e9, bucketNanos / 1e9, buckets.get(i)));
    }
    return out;
  }

  private static Bucket bucket(double start, double seconds, List<Outcome> outcomes) {
    long[] ttfts = outcomes.stream().filter(o -> o.ok() && o.ttftNanos() >= 0)
        .mapToLong(Outcome::ttftNanos).toArray();
    long errors = outcomes.stream().filter(o -> !o.ok()).count();
    return new Bucket(start, outcomes.size(), Percentiles.nearestRank(ttfts, 90) / 1e6,
        errors / seconds);
  }
}
