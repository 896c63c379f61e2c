package io.inferoute.istio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Jackson mappers the side path renders with: YAML for people and GitOps, trees for checks. */
final class Yaml {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .build();

  private Yaml() {}

  /**
   * An insertion-ordered map from alternating keys and values: rendered output must not depend on
   * {@code Map.of}'s per-JVM iteration order, or every render would show a GitOps diff.
   */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** A plain map/list/scalar structure as a Jackson tree. */
  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /** Parses one YAML document. */
  static JsonNode readTree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("yaml: unreadable document", e);
    }
  }

  /** One YAML document. */
  static String write(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("yaml: cannot render " + value.getClass().getSimpleName(), e);
    }
  }

  /** Several YAML documents separated by {@code ---}. */
  static String writeAll(List<?> documents) {
    StringBuilder out = new StringBuilder();
    for (Object doc : documents) {
      out.append("---\n").append(write(doc));
    }
    return out.toString();
  }
}
