package io.inferoute.bench.extproc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The driver's command line.
 *
 * @param warmUp how long each cell runs before it is measured (and, once per server, before the
 *     first round)
 * @param measure how long each cell is measured
 * @param rounds how often the whole matrix runs, alternating which server goes first; the
 *     cells of all rounds are added up
 * @param concurrencies the concurrency levels of the 4 KB cells
 * @param smallBytes the body size of those cells
 * @param largeConcurrency the concurrency of the large-prompt cell, 0 for none
 * @param largeBytes the body size of the large-prompt cell
 * @param connections HTTP/2 connections per server (Envoy opens one per worker thread)
 * @param endpoints the size of the generated fleet when no policy file is given
 * @param policy a policy file to route with instead of the generated fleet, or null
 * @param jvmWarmUp how long each cell runs on each server, unmeasured, before the first round:
 *     the 220 KB path takes 20 s or more of load to reach its steady speed (the no-op's 220 KB
 *     cell measured 1.1k, 2.1k and 3.7k decisions/s in three successive 9 s periods), so a
 *     shorter pass leaves whichever server is measured first still compiling
 * @param replay whether to measure a third server that replays Inferoute's recorded answers and
 *     does nothing else (the transport plus the protocol's answer)
 */
record LoadOptions(Duration warmUp, Duration measure, int rounds, List<Integer> concurrencies,
    int smallBytes, int largeConcurrency, int largeBytes, int connections, int endpoints,
    @Nullable Path policy, Duration jvmWarmUp, boolean replay) {

  static final String USAGE = """
      usage: ExtProcLoad [--warmup SECONDS] [--measure SECONDS] [--rounds N]
                         [--concurrency 4,16,64] [--small-bytes 4096]
                         [--large-concurrency 150] [--large-kb 220] [--connections 2]
                         [--endpoints 100 | --policy FILE] [--jvm-warmup 10]
                         [--replay on|off]""";

  static LoadOptions defaults() {
    return new LoadOptions(Duration.ofSeconds(3), Duration.ofSeconds(8), 2, List.of(4, 16, 64),
        4096, 150, 220 << 10, 2, 100, null, Duration.ofSeconds(10), true);
  }

  /** Parses {@code args} over {@link #defaults()}. */
  static LoadOptions parse(String[] args) {
    Builder b = new Builder(defaults());
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + ": no value (expected: " + name + " VALUE)");
      }
      b.set(name, args[i + 1]);
    }
    return b.build();
  }

  /** The options as they are parsed, one field per option. */
  private static final class Builder {
    private Duration warmUp;
    private Duration measure;
    private int rounds;
    private List<Integer> concurrencies;
    private int smallBytes;
    private int largeConcurrency;
    private int largeBytes;
    private int connections;
    private int endpoints;
    private @Nullable Path policy;
    private Duration jvmWarmUp;
    private boolean replay;

    Builder(LoadOptions o) {
      warmUp = o.warmUp;
      measure = o.measure;
      rounds = o.rounds;
      concurrencies = o.concurrencies;
      smallBytes = o.smallBytes;
      largeConcurrency = o.largeConcurrency;
      largeBytes = o.largeBytes;
      connections = o.connections;
      endpoints = o.endpoints;
      policy = o.policy;
      jvmWarmUp = o.jvmWarmUp;
      replay = o.replay;
    }

    void set(String name, String value) {
      switch (name) {
        case "--warmup" -> warmUp = seconds(name, value);
        case "--measure" -> measure = seconds(name, value);
        case "--rounds" -> rounds = positive(name, value);
        case "--concurrency" -> concurrencies = list(name, value);
        case "--small-bytes" -> smallBytes = positive(name, value);
        case "--large-concurrency" -> largeConcurrency = nonNegative(name, value);
        case "--large-kb" -> largeBytes = positive(name, value) << 10;
        case "--connections" -> connections = positive(name, value);
        case "--endpoints" -> endpoints = positive(name, value);
        case "--policy" -> policy = Path.of(value);
        case "--jvm-warmup" -> jvmWarmUp = seconds(name, value);
        case "--replay" -> replay = onOff(name, value);
        default -> throw new IllegalArgumentException("option: " + name + " (expected: one of"
            + " --warmup --measure --rounds --concurrency --small-bytes --large-concurrency"
            + " --large-kb --connections --endpoints --policy --jvm-warmup --replay)");
      }
    }

    LoadOptions build() {
      return new LoadOptions(warmUp, measure, rounds, concurrencies, smallBytes,
          largeConcurrency, largeBytes, connections, endpoints, policy, jvmWarmUp, replay);
    }
  }

  private static Duration seconds(String name, String value) {
    return Duration.ofMillis(Math.round(number(name, value, 0.1) * 1000));
  }

  private static boolean onOff(String name, String value) {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(
          name + ": " + value + " (expected: on or off)");
    };
  }

  private static int positive(String name, String value) {
    return (int) number(name, value, 1);
  }

  private static int nonNegative(String name, String value) {
    return (int) number(name, value, 0);
  }

  private static List<Integer> list(String name, String value) {
    List<Integer> out = new ArrayList<>();
    for (String part : value.split(",")) {
      out.add(positive(name, part.trim()));
    }
    return List.copyOf(out);
  }

  private static double number(String name, String value, double min) {
    double d;
    try {
      d = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (!(d >= min) || d > 1_000_000) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: a number from " + min + " to 1000000)");
    }
    return d;
  }
}
