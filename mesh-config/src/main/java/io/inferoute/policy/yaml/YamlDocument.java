package io.inferoute.policy.yaml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns untrusted bytes into one YAML node tree with positions, in bounded time and memory.
 *
 * <p>The node tree is composed, never constructed into Java objects, so no type tags are honoured;
 * aliases to collections are capped (an alias bomb expands in whoever walks the tree, and the
 * policy walk only descends into fields it knows, so bounded aliases bound the walk too).
 */
final class YamlDocument {
  /** Largest policy file accepted; real policies are a few KiB. */
  static final int MAX_BYTES = 4 << 20;
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 50;

  private YamlDocument() {}

  /** Decodes strict UTF-8 and composes; returns null with the reason in {@code problems}. */
  static @Nullable Node compose(byte[] bytes, Problems problems) {
    if (bytes.length > MAX_BYTES) {
      problems.fileError(tooLarge(bytes.length));
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      problems.fileError("not a YAML/UTF-8 text file (invalid UTF-8 at byte " + in.position() + ")");
      return null;
    }
    return compose(out.flip().toString(), problems);
  }

  /** Composes {@code text}; returns null with the reason in {@code problems}. */
  static @Nullable Node compose(String text, Problems problems) {
    if (text.length() > MAX_BYTES) {
      problems.fileError(tooLarge(text.length()));
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (!isText(text, problems)) {
      return null;
    }
    try {
      Node root = new Yaml(options()).compose(new StringReader(text));
      if (root == null) {
        problems.fileError("the file is empty (expected: a RoutingPolicy document)");
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      if (mark != null) {
        problems.error(mark, "", "not valid YAML: " + describe(e));
      } else {
        problems.fileError("not valid YAML: " + describe(e));
      }
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      problems.fileError(message.startsWith("Number of aliases")
          ? "too many aliases (expected: at most " + MAX_ALIASES + " aliases to lists or mappings)"
          : "not valid YAML: " + message);
    }
    return null;
  }

  private static LoaderOptions options() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(MAX_ALIASES);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setCodePointLimit(MAX_BYTES);
    o.setMergeOnCompose(false);
    return o;
  }

  /** Rejects control characters that mark binary data; SnakeYAML's own message is obscure. */
  private static boolean isText(String text, Problems problems) {
    int line = 0;
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 0;
        continue;
      }
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || c == '\uFFFE' || c == '\uFFFF') {
        problems.error(new Mark("", i, line, column, new int[0], 0), "", String.format(
            "not a YAML/UTF-8 text file (control character U+%04X)", (int) c));
        return false;
      }
      column++;
    }
    return true;
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (problem.contains("\\t") || problem.contains("'\t'")) {
      return "a tab character (expected: spaces; YAML indentation cannot use tabs)";
    }
    if (problem.contains("expected <block end>")) {
      return "inconsistent indentation (expected: the fields of one mapping in one column)";
    }
    if (problem.contains("but found another document")) {
      return "a second document (expected: one RoutingPolicy per file)";
    }
    String context = e.getContext();
    return context == null ? problem : context + ": " + problem;
  }

  private static String tooLarge(long size) {
    return "the file has " + size + " bytes (expected: at most " + MAX_BYTES + " bytes, 4MiB)";
  }
}
