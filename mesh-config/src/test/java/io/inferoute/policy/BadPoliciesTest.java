package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in {@code bad-policies/} holds one mistake; its first line says the one error the loader
 * must report: {@code # expect: LINE:COLUMN: path: message}.
 */
class BadPoliciesTest {
  static final Path DIR = Path.of("src", "test", "resources", "bad-policies");

  static List<Path> badPolicies() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The text after {@code # KEY: } on the file's line {@code index}. */
  static String header(Path file, int index, String key) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String lines = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
    String line = lines.split("\n", -1)[index];
    String prefix = "# " + key + ": ";
    assertThat(line).as(file + " line " + (index + 1)).startsWith(prefix);
    return new String(line.substring(prefix.length()).getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
  }

  @Test
  void thereAreAtLeastThirtyBadPolicies() throws IOException {
    assertThat(badPolicies()).hasSizeGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource("badPolicies")
  void reportsExactlyTheExpectedError(Path file) throws IOException {
    PolicyLoadResult result = PolicyLoader.load(file);

    assertThat(result.ok()).isFalse();
    assertThat(result.policy()).isNull();
    assertThat(result.errors()).extracting(PolicyProblem::withoutFile)
        .as(result.describe())
        .containsExactly(header(file, 0, "expect"));
    assertThat(result.errors().get(0).file()).isEqualTo(file.toString());
  }
}
