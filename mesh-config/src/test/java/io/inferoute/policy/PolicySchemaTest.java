package io.inferoute.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published JSON Schema and the loader agree: both accept every example, and the schema rejects
 * every bad policy whose mistake a schema can express. Each bad policy's second line says which:
 * {@code # schema: rejects}, {@code # schema: unparseable} (the YAML itself is refused), or
 * {@code # schema: cannot: REASON} (a cross-reference or other rule beyond JSON Schema; the test
 * checks the schema really does accept it, so the marking stays honest).
 */
class PolicySchemaTest {
  private static final Path SCHEMA = Path.of("..", "docs", "policy.schema.json");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
  }

  static List<Path> examples() throws IOException {
    return ExamplePoliciesTest.examples();
  }

  static List<Path> badPolicies() throws IOException {
    return BadPoliciesTest.badPolicies();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void schemaAndLoaderBothAcceptEveryExample(Path example) throws IOException {
    List<Error> errors = schema().validate(YAML.readTree(Files.readAllBytes(example)));

    assertThat(errors).extracting(Error::toString).isEmpty();
    assertThat(PolicyLoader.load(example).errors()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("badPolicies")
  void schemaAgreesWithTheLoaderOnEveryBadPolicy(Path bad) throws IOException {
    String verdict = BadPoliciesTest.header(bad, 1, "schema");
    byte[] bytes = Files.readAllBytes(bad);
    assertThat(PolicyLoader.load(bad).ok()).isFalse();

    if (verdict.equals("unparseable")) {
      assertThatThrownBy(() -> YAML.readTree(bytes)).as(bad.toString()).isNotNull();
      return;
    }
    JsonNode document = YAML.readTree(bytes);
    List<Error> errors = schema().validate(document);
    if (verdict.equals("rejects")) {
      assertThat(errors).as(bad.toString()).isNotEmpty();
    } else {
      assertThat(verdict).startsWith("cannot: ");
      assertThat(errors).as(bad + " is marked as beyond the schema").extracting(Error::toString).isEmpty();
    }
  }

  @Test
  void schemaIsDraft07ForEditors() throws IOException {
    JsonNode schema = new tools.jackson.databind.json.JsonMapper().readTree(Files.readString(SCHEMA));

    assertThat(schema.get("$schema").asString()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }
}
