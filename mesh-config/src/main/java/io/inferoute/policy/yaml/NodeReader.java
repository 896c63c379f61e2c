package io.inferoute.policy.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes that report what is wrong and carry on, so one pass finds every error.
 *
 * <p>Each read returns null when the field is absent or wrong; the caller substitutes a default
 * and builds a record only if no error was added meanwhile (see {@link Problems#errorCount()}).
 */
final class NodeReader {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d{1,18}(\\.\\d{0,18})?|\\.\\d{1,18})([eE][-+]?\\d{1,3})?");

  private final Problems problems;

  NodeReader(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /** {@code node} as a mapping with the allowed fields, or null (reported) when it is not one. */
  @Nullable Fields fields(Node node, String path, List<String> allowed) {
    if (node instanceof MappingNode mapping) {
      return Fields.of(mapping, path, allowed, problems);
    }
    problems.error(node, path, found(node) + " (expected: a mapping of " + String.join(", ", allowed) + ")");
    return null;
  }

  /** The sub-mapping at {@code key}, or null when absent or not a mapping. */
  @Nullable Fields mapping(Fields f, String key, List<String> allowed) {
    Node node = f.get(key);
    return node == null ? null : fields(node, f.path(key), allowed);
  }

  /**
   * Reports a missing required field, unless a misspelling of it was already reported (one
   * mistake, one error); returns whether it is present.
   */
  boolean require(Fields f, String key) {
    if (!f.has(key) && f.wasSuggested(key)) {
      return false;
    }
    if (!f.has(key)) {
      problems.error(f.node(), f.path(key), "required field is missing");
      return false;
    }
    return true;
  }

  /** The list at {@code key}, or null when absent or not a list. */
  @Nullable List<Node> list(Fields f, String key) {
    Node node = f.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    problems.error(node, f.path(key), found(node) + " (expected: a list)");
    return null;
  }

  /** The text of a scalar at {@code key}. */
  @Nullable String string(Fields f, String key, String expected) {
    Node node = f.get(key);
    return node == null ? null : string(node, f.path(key), expected);
  }

  /** The text of a non-empty scalar node. */
  @Nullable String string(Node node, String path, String expected) {
    if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
      problems.error(node, path, found(node) + " (expected: " + expected + ")");
      return null;
    }
    if (scalar.getValue().isEmpty()) {
      problems.error(node, path, "\"\" is empty (expected: " + expected + ")");
      return null;
    }
    return scalar.getValue();
  }

  /** A name of the given kind at {@code key}. */
  @Nullable String name(Fields f, String key, NameKind kind) {
    Node node = f.get(key);
    return node == null ? null : name(node, f.path(key), kind);
  }

  @Nullable String name(Node node, String path, NameKind kind) {
    String text = string(node, path, kind.expected());
    if (text != null && !kind.matches(text)) {
      problems.error(node, path, quote(text) + " is not a valid name (expected: " + kind.expected() + ")");
      return null;
    }
    return text;
  }

  /** A list of distinct names at {@code key}; duplicates are errors; null when any item is wrong. */
  @Nullable List<String> names(Fields f, String key, NameKind kind) {
    List<Node> items = list(f, key);
    if (items == null) {
      return null;
    }
    int before = problems.errorCount();
    List<String> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = f.path(key) + "[" + i + "]";
      String name = name(items.get(i), path, kind);
      if (name == null) {
        continue;
      }
      Node first = seen.putIfAbsent(name, items.get(i));
      if (first != null) {
        problems.error(items.get(i), path, quote(name) + " appears twice (first at " + position(first) + ")");
      } else {
        out.add(name);
      }
    }
    return problems.errorCount() > before ? null : out;
  }

  /** An integer in {@code [min, max]} at {@code key}. */
  @Nullable Integer integer(Fields f, String key, int min, int max) {
    Node node = f.get(key);
    String text = node == null ? null : number(node, f.path(key), "an integer", range(min, max));
    if (text == null) {
      return null;
    }
    if (!INTEGER.matcher(text).matches()) {
      problems.error(node, f.path(key), quote(text) + " is not an integer (expected: " + range(min, max) + ")");
      return null;
    }
    long value = Long.parseLong(text);
    if (value < min || value > max) {
      problems.error(node, f.path(key), value + " is out of range (expected: " + range(min, max) + ")");
      return null;
    }
    return (int) value;
  }

  /** A finite number {@code >= min} (or {@code > min} when {@code exclusive}) at {@code key}. */
  @Nullable Double decimal(Fields f, String key, double min, boolean exclusive) {
    Node node = f.get(key);
    String expected = (exclusive ? "> " : ">= ") + trim(min);
    String text = node == null ? null : number(node, f.path(key), "a number", expected);
    if (text == null) {
      return null;
    }
    if (!NUMBER.matcher(text).matches()) {
      problems.error(node, f.path(key), quote(text) + " is not a number (expected: " + expected + ")");
      return null;
    }
    double value = Double.parseDouble(text);
    if (exclusive ? !(value > min) : !(value >= min)) {
      problems.error(node, f.path(key), text + " is out of range (expected: " + expected + ")");
      return null;
    }
    return value;
  }

  /** A duration at {@code key}; zero only when {@code allowZero}. */
  @Nullable Duration duration(Fields f, String key, boolean allowZero) {
    Node node = f.get(key);
    String text = node == null ? null : string(node, f.path(key), "a duration, e.g. 150ms");
    if (text == null) {
      return null;
    }
    Duration d = Units.parseDuration(text);
    if (d == null) {
      problems.error(node, f.path(key), quote(text) + " is not a duration (expected e.g. 150ms)");
      return null;
    }
    if (d.isZero() && !allowZero) {
      problems.error(node, f.path(key), text + " is out of range (expected: a duration > 0)");
      return null;
    }
    return d;
  }

  /** A percentage {@code 0%..100%} at {@code key}. */
  @Nullable Integer percent(Fields f, String key) {
    Node node = f.get(key);
    String text = node == null ? null : string(node, f.path(key), "a percentage, e.g. 50%");
    if (text == null) {
      return null;
    }
    Integer p = Units.parsePercent(text);
    if (p == null) {
      problems.error(node, f.path(key), quote(text) + " is not a percentage (expected e.g. 50%, 0%..100%)");
    }
    return p;
  }

  /** One of the given spellings at {@code key}. */
  <E> @Nullable E choice(Fields f, String key, Map<String, E> options, String what) {
    Node node = f.get(key);
    String text = node == null ? null : string(node, f.path(key), what);
    if (text == null) {
      return null;
    }
    E value = options.get(text);
    if (value == null) {
      problems.error(node, f.path(key), quote(text) + " is not " + what + " "
          + Suggestions.hint(text, options.keySet().stream().sorted().toList()));
    }
    return value;
  }

  /**
   * Like {@link #choice}, but a wrong value's error lists every spelling even when it can suggest
   * one: for settings whose alternatives the reader should see side by side (strategies).
   */
  <E> @Nullable E choiceListingAll(Fields f, String key, Map<String, E> options, String what) {
    Node node = f.get(key);
    String text = node == null ? null : string(node, f.path(key), what);
    if (text == null) {
      return null;
    }
    E value = options.get(text);
    if (value == null) {
      problems.error(node, f.path(key), quote(text) + " is not " + what + " "
          + Suggestions.hintListingAll(text, options.keySet().stream().sorted().toList()));
    }
    return value;
  }

  /** Text at {@code key} turned into a value by {@code parser}, whose exception message is the error. */
  <T> @Nullable T parsed(Fields f, String key, String expected, Function<String, T> parser) {
    Node node = f.get(key);
    String text = node == null ? null : string(node, f.path(key), expected);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problems.error(node, f.path(key), String.valueOf(e.getMessage()));
      return null;
    }
  }

  /** A mapping of names to text values at {@code key} (headers, labels); null when absent or wrong. */
  @Nullable Map<String, String> stringMap(Fields f, String key, NameKind keyKind) {
    Node node = f.get(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.error(node, f.path(key), found(node) + " (expected: a mapping of name: value)");
      return null;
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (org.yaml.snakeyaml.nodes.NodeTuple t : mapping.getValue()) {
      String name = name(t.getKeyNode(), f.path(key), keyKind);
      String path = f.path(key) + "." + (name == null ? "?" : name);
      String value = string(t.getValueNode(), path, "a text value");
      if (name != null && out.containsKey(name)) {
        problems.error(t.getKeyNode(), path, "duplicate key");
      } else if (name != null && value != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  /** The text of a plain scalar that should be a number; quoted numbers are strings in YAML. */
  private @Nullable String number(Node node, String path, String what, String expected) {
    if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
        && s.getScalarStyle() != ScalarStyle.PLAIN) {
      problems.error(node, path, quote(s.getValue()) + " is quoted text (expected: " + what + ", " + expected + ")");
      return null;
    }
    return string(node, path, what + ", " + expected);
  }

  static String found(Node node) {
    if (node instanceof MappingNode) {
      return "found a mapping";
    }
    if (node instanceof SequenceNode) {
      return "found a list";
    }
    ScalarNode s = (ScalarNode) node;
    return s.getTag().equals(Tag.NULL) ? "found no value" : "found " + quote(s.getValue());
  }

  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append('"').toString();
  }

  static String position(Node node) {
    return (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
  }

  private static String range(int min, int max) {
    return max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
