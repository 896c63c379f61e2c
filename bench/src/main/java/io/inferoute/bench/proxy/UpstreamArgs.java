package io.inferoute.bench.proxy;

import java.util.Locale;

/**
 * The command line of {@link UpstreamMain}: {@code PORT [static | sim SPEEDUP]}.
 *
 * @param port TCP port on 127.0.0.1, 1..65535
 * @param simulated true for the simulated model server, false for {@link StaticUpstream}
 * @param speedUp the simulated server's speed-up (1 when static)
 */
public record UpstreamArgs(int port, boolean simulated, double speedUp) {
  /** The usage line printed on a wrong command line. */
  public static final String USAGE = "usage: UpstreamMain PORT [static | sim SPEEDUP]";

  public UpstreamArgs {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
    if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
      throw new IllegalArgumentException("speedUp: " + speedUp + " (expected: a finite number > 0)");
    }
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the wrong argument and what was expected
   */
  public static UpstreamArgs parse(String... args) {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("arguments: " + args.length + " (expected: 1 to 3; " + USAGE + ")");
    }
    int port = integer("port", args[0]);
    String mode = args.length > 1 ? args[1].toLowerCase(Locale.ROOT) : "static";
    if (mode.equals("static") && args.length <= 2) {
      return new UpstreamArgs(port, false, 1);
    }
    if (mode.equals("sim") && args.length == 3) {
      return new UpstreamArgs(port, true, number("speedUp", args[2]));
    }
    throw new IllegalArgumentException("mode: " + String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length))
        + " (expected: static | sim SPEEDUP)");
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": " + text + " (expected: an integer)", e);
    }
  }

  private static double number(String name, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": " + text + " (expected: a number)", e);
    }
  }
}
