package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(CliRun.docs("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedExamplePolicyIsValid() throws IOException {
    List<Path> examples = examples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    String[] args = Stream.concat(Stream.of("validate"), examples.stream().map(Path::toString))
        .toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("demo.yaml: valid (0 warnings)");
  }

  @Test
  void invalidPolicyExitsOneWithEveryErrorPositioned() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    String demo = Files.readString(CliRun.docs("examples/demo.yaml"));
    Files.writeString(bad, demo.replace("ttftP95: 300ms", "ttftP95: \"150\"")
        .replace("maxConcurrency: 32", "maxConcurency: 32"));
    CliRun run = CliRun.of("validate", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern(bad + ":\\d+:\\d+: spec\\.routes\\[0\\]\\.slo\\.ttftP95: ")
        .contains("maxConcurency: unknown field (did you mean \"maxConcurrency\"?)")
        .contains("invalid (");
  }

  @Test
  void jsonFormatIsOneArrayOfResults() throws IOException {
    Path missing = dir.resolve("missing.yaml");
    CliRun run = CliRun.of("validate", "--format", "json", CliRun.docs("examples/demo.yaml").toString(),
        missing.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode results = new ObjectMapper().readTree(run.out());
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("ok").asBoolean()).isTrue();
    assertThat(results.get(1).get("ok").asBoolean()).isFalse();
    assertThat(results.get(1).get("errors").get(0).toString()).contains("no such file");
  }

  @Test
  void noFileIsAUsageError() {
    CliRun run = CliRun.of("validate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter");
  }
}
