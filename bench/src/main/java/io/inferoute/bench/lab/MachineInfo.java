package io.inferoute.bench.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The machine a lab run measured on, read from {@code /proc} (Linux; "unknown" elsewhere).
 *
 * @param processors processors available to the JVM
 * @param cpuModel the CPU's model name
 * @param memory total memory, e.g. {@code 7.8 GiB}
 * @param java the Java runtime's version
 */
public record MachineInfo(int processors, String cpuModel, String memory, String java) {
  private static final String UNKNOWN = "unknown";

  /** This machine. */
  public static MachineInfo current() {
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemory(),
        System.getProperty("java.vm.name", "Java") + " " + Runtime.version());
  }

  /** The 1/5/15-minute load averages as {@code /proc/loadavg} shows them, or "unknown". */
  public static String loadAverage() {
    String line = firstLine(Path.of("/proc/loadavg"));
    String[] parts = line.split(" ");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : UNKNOWN;
  }

  /** The short commit of the repository at {@code dir} (with {@code +dirty}), or "unknown". */
  public static String gitCommit(Path dir) {
    String commit = git(dir, "rev-parse", "--short", "HEAD");
    if (commit.isEmpty()) {
      return UNKNOWN;
    }
    return git(dir, "status", "--porcelain", "--untracked-files=no").isEmpty()
        ? commit : commit + "+dirty";
  }

  private static String readCpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return UNKNOWN;
  }

  private static String readMemory() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return UNKNOWN;
  }

  private static String firstLine(Path file) {
    List<String> lines = lines(file);
    return lines.isEmpty() ? UNKNOWN : lines.get(0);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String git(Path dir, String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = dir.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      boolean done = p.waitFor(10, TimeUnit.SECONDS);
      return done && p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
