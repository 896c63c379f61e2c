package io.inferoute.bench.lab.workload;

import java.util.List;
import java.util.SplittableRandom;

/** Random draws the workloads share; all from an explicit seeded generator. */
final class Draws {
  private Draws() {}

  /** An exponential draw with the given mean. */
  static double exponential(SplittableRandom random, double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  /** A uniform integer in {@code [min, max]}. */
  static int between(SplittableRandom random, int min, int max) {
    return min == max ? min : random.nextInt(min, max + 1);
  }

  /** A uniformly chosen element. */
  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /**
   * A generator for one part of a trace (a session, a document) that depends only on the trace's
   * seed and the part's number, so parts do not shift when others change.
   */
  static SplittableRandom forPart(long seed, long salt, long part) {
    return new SplittableRandom(mix(seed ^ mix(salt + 0x9E37_79B9_7F4A_7C15L * (part + 1))));
  }

  /** Throws {@code name: value (expected: …)} unless ok. */
  static void require(String name, double value, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
  }

  /** Throws unless {@code least <= min <= max}. */
  static void requireRange(String name, int min, int max, int least) {
    if (min < least || min > max) {
      throw new IllegalArgumentException(name + ": " + min + ".." + max
          + " (expected: " + least + " <= min <= max)");
    }
  }

  // SplitMix64's finaliser: spreads nearby seeds far apart.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
