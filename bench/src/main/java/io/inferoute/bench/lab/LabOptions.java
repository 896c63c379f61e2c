package io.inferoute.bench.lab;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lab's command line: {@code [--quick] [--only NAME[,NAME…]]… [--out DIR] [--seed N]}.
 *
 * @param quick shorter runs and fewer strategies per scenario (the headline table is complete)
 * @param only the scenarios to run; empty for all
 * @param out the repository root to write into: {@code docs/benchmarks.md}, {@code README.md},
 *     {@code docs/bench/} and {@code bench/target/lab/}
 * @param seed seeds every trace and run
 */
public record LabOptions(boolean quick, Set<String> only, Path out, long seed) {
  /** The seed when none is given. */
  public static final long DEFAULT_SEED = 20_261_123L;

  public LabOptions {
    only = Set.copyOf(only);
    for (String name : only) {
      if (!LabPlan.names().contains(name)) {
        throw new IllegalArgumentException(
            "only: " + name + " (expected: one of " + LabPlan.names() + ")");
      }
    }
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the argument that is wrong
   */
  public static LabOptions parse(String... args) {
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>();
    Path out = Path.of(".");
    long seed = DEFAULT_SEED;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only.addAll(List.of(value(args, ++i, "--only").split(",")));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--seed" -> seed = parseSeed(value(args, ++i, "--seed"));
        default -> throw new IllegalArgumentException("argument: " + args[i]
            + " (expected: --quick, --only NAME, --out DIR or --seed N)");
      }
    }
    return new LabOptions(quick, only, out, seed);
  }

  /** The same options writing under {@code root}. */
  public LabOptions withOut(Path root) {
    return new LabOptions(quick, only, root, seed);
  }

  /** Whether every scenario runs (only then are the docs and README rewritten). */
  public boolean complete() {
    return only.isEmpty();
  }

  /** Whether {@code scenario} runs. */
  public boolean runs(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + ": missing (expected: a value after it)");
    }
    return args[i];
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed: " + text + " (expected: an integer)", e);
    }
  }
}
