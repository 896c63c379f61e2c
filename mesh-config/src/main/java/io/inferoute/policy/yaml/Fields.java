package io.inferoute.policy.yaml;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The fields of one YAML mapping, by name, after unknown and duplicate keys were reported.
 *
 * <p>Every lookup goes through {@link #get}, so a field the format does not know can never be
 * read by accident.
 */
final class Fields {
  private final String path;
  private final MappingNode node;
  private final Map<String, Node> values;
  private final Set<String> suggested;

  private Fields(String path, MappingNode node, Map<String, Node> values, Set<String> suggested) {
    this.path = path;
    this.node = node;
    this.values = values;
    this.suggested = suggested;
  }

  /** Reads {@code node}'s keys, reporting non-scalar, duplicate and unknown ones. */
  static Fields of(MappingNode node, String path, List<String> allowed, Problems problems) {
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Node> keys = new LinkedHashMap<>();
    Set<String> suggested = new HashSet<>();
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar)) {
        problems.error(keyNode, path, "a field name must be a plain word (expected: name: value)");
        continue;
      }
      String key = scalar.getValue();
      String at = child(path, key);
      Node first = keys.get(key);
      if (first != null) {
        problems.error(keyNode, at, "duplicate key (first at " + (first.getStartMark().getLine() + 1)
            + ":" + (first.getStartMark().getColumn() + 1) + ")");
      } else if (key.equals("<<")) {
        problems.error(keyNode, at, "merge keys are not supported (expected: write the fields out)");
      } else if (!allowed.contains(key)) {
        problems.error(keyNode, at, "unknown field " + Suggestions.hint(key, allowed));
        String near = Suggestions.closest(key, allowed);
        if (near != null) {
          suggested.add(near);
        }
      } else {
        keys.put(key, keyNode);
        values.put(key, t.getValueNode());
      }
    }
    return new Fields(path, node, values, suggested);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return child(path, key);
  }

  MappingNode node() {
    return node;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  @Nullable Node get(String key) {
    return values.get(key);
  }

  /** Whether an unknown key here was reported as a likely misspelling of {@code key}. */
  boolean wasSuggested(String key) {
    return suggested.contains(key);
  }
}
