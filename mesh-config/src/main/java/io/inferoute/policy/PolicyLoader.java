package io.inferoute.policy;

import io.inferoute.policy.yaml.PolicyYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads routing policies from YAML, reporting every error and warning with its position.
 *
 * <p>Never throws for a bad file: an unreadable, oversized, binary or invalid file gives a result
 * with errors. See {@code docs/policy.md} for the format.
 */
public final class PolicyLoader {
  /** Largest policy file accepted, in bytes (4 MiB); larger files are refused before reading. */
  public static final int MAX_BYTES = PolicyYaml.MAX_BYTES;

  private PolicyLoader() {}

  /** Loads {@code file}; the file name in problems is the path as given. */
  public static PolicyLoadResult load(Path file) {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        return failed(name, "the file has " + size + " bytes (expected: at most " + MAX_BYTES + " bytes, 4MiB)");
      }
      return PolicyYaml.read(readAtMost(file, MAX_BYTES + 1), name);
    } catch (NoSuchFileException e) {
      return failed(name, "no such file");
    } catch (IOException e) {
      return failed(name, "cannot read: " + e.getMessage());
    }
  }

  /** Parses {@code text} as if it were the content of {@code fileName}. */
  public static PolicyLoadResult parse(String text, String fileName) {
    return PolicyYaml.parse(text, fileName);
  }

  /** Reads at most {@code limit} bytes, as the file may grow between the size check and the read. */
  private static byte[] readAtMost(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(limit);
    }
  }

  private static PolicyLoadResult failed(String file, String message) {
    return new PolicyLoadResult(file, null, List.of(PolicyProblem.ofFile(file, message)), List.of(), "");
  }
}
