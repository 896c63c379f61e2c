package io.inferoute.envoy;

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

/** Reads YAML files (one or more {@code ---} separated documents) into Jackson trees. */
final class YamlDocuments {

  // A duplicated key is silently last-wins in most YAML readers; Envoy and kubectl reject it.
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private YamlDocuments() {}

  /** Every non-empty document of the file, in order. */
  static List<JsonNode> readAll(Path file) {
    try {
      return readAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("yaml: " + file, e);
    }
  }

  /** Every non-empty document of the text, in order. */
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

  /** The single document of the file. */
  static JsonNode readOne(Path file) {
    List<JsonNode> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException("documents in " + file + ": " + docs.size() + " (expected: 1)");
    }
    return docs.get(0);
  }
}
