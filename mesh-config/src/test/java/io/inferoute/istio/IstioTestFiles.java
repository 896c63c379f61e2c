package io.inferoute.istio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shared Istio CRD schemas (loaded once; tests skip when absent) and YAML reading for tests. */
final class IstioTestFiles {

  // A duplicated key is silently last-wins in most YAML readers; kubectl rejects it.
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final Path DIR = istioSchemaDir();
  private static final Optional<IstioSchemas> SCHEMAS = IstioSchemas.load(DIR);

  private IstioTestFiles() {}

  /** The schemas, or a skipped test (JUnit assumption) saying where they were looked for. */
  static IstioSchemas schemas() {
    assumeTrue(SCHEMAS.isPresent(), () -> "skipped: no Istio CRD schemas at " + DIR
        + " (shared/schemas/istio beside the repository); Istio resources not validated");
    return SCHEMAS.orElseThrow();
  }

  /** The schemas when present; property tests use this to check the schema only where it exists. */
  static Optional<IstioSchemas> schemasIfPresent() {
    return SCHEMAS;
  }

  /** {@code <repository root>/../shared/schemas/istio}. */
  static Path istioSchemaDir() {
    return repoRoot().resolve("../shared/schemas/istio").normalize();
  }

  /** The repository root: the topmost directory, walking up from the working directory, with a pom.xml. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    Path root = null;
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))) {
        root = d;
      } else if (root != null) {
        break;
      }
    }
    return root == null ? dir : root;
  }

  /** Every non-empty document of the YAML text, in order. */
  static List<JsonNode> readAll(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("yaml: unreadable document", e);
    }
    return docs;
  }

  /** The single document of a file. */
  static JsonNode readOne(Path file) {
    try {
      List<JsonNode> docs = readAll(Files.readString(file));
      if (docs.size() != 1) {
        throw new IllegalArgumentException("documents in " + file + ": " + docs.size() + " (expected: 1)");
      }
      return docs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("yaml: " + file, e);
    }
  }
}
