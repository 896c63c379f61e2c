package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every published example loads without errors or warnings. */
class ExamplePoliciesTest {
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleLoadsCleanly(Path file) {
    PolicyLoadResult result = PolicyLoader.load(file);

    assertThat(result.errors()).as(result.describe()).isEmpty();
    assertThat(result.warnings()).as(result.describe()).isEmpty();
    assertThat(result.requirePolicy().name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
  }
}
