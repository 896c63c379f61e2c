package io.inferoute.testing;

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

/** Repository files and YAML documents for tests: where a module's or the shared files are, and their trees. */
public final class TestFiles {

  // A duplicated key is silently last-wins in most YAML readers; Envoy and kubectl reject it.
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private TestFiles() {}

  /**
   * The repository root: the topmost directory with a pom.xml, walking up from the working directory
   * (a module directory under Maven, the root in an IDE); the working directory if none has one.
   */
  public static Path repoRoot() {
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

  /** A file of a module, e.g. {@code moduleFile("envoy", "config/envoy-bootstrap.yaml")}. */
  public static Path moduleFile(String module, String relative) {
    return repoRoot().resolve(module).resolve(relative);
  }

  /** {@code <repository root>/../shared/<relative>}; shared/ may be absent on some machines. */
  public static Path sharedDir(String relative) {
    return repoRoot().resolve("../shared").resolve(relative).normalize();
  }

  /** Every non-empty document of the YAML text, in order. */
  public static List<JsonNode> readAll(String yaml) {
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

  /** Every non-empty document of the YAML file, in order. */
  public static List<JsonNode> readAll(Path file) {
    try {
      return readAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("yaml: " + file, e);
    }
  }

  /** The single document of a YAML file. */
  public static JsonNode readOne(Path file) {
    List<JsonNode> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException("documents in " + file + ": " + docs.size() + " (expected: 1)");
    }
    return docs.get(0);
  }
}
