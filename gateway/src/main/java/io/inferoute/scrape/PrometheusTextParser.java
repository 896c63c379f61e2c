package io.inferoute.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the Prometheus text exposition format 0.0.4 (what vLLM, SGLang, TensorRT-LLM and most
 * exporters serve on {@code /metrics}).
 *
 * <p>A small hand-written tokenizer, line by line, following the grammar of the format: <pre>
 * line    = blank* ( comment | sample )?
 * comment = "#" blank* ( "HELP" blank+ name ( blank+ docstring )? | "TYPE" blank+ name blank+ type | anything )
 * sample  = name blank* ( "{" blank* ( label blank* ( "," blank* label blank* )* ","? blank* )? "}" )?
 *           blank* value ( blank+ timestamp )? blank*
 * label   = labelname blank* "=" blank* '"' escaped '"'
 * </pre> Metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code
 * [a-zA-Z_][a-zA-Z0-9_]*}; label values unescape {@code \\}, {@code \"} and {@code \n}, docstrings
 * {@code \\} and {@code \n}; values are decimal floats or {@code NaN}, {@code +Inf}, {@code -Inf}
 * (any case); timestamps are integer milliseconds. A {@code \r} before a line feed is tolerated.
 * Errors name the line and what was expected. Input longer than the configured limit is refused
 * before any work, so a misbehaving server cannot make the router parse without bound.
 */
public final class PrometheusTextParser {
  /** The default input limit, in characters: 4 Mi, far above a model server's few hundred lines. */
  public static final int DEFAULT_MAX_CHARS = 4 << 20;

  private static final PrometheusTextParser DEFAULT = new PrometheusTextParser(DEFAULT_MAX_CHARS);

  private final int maxChars;

  private PrometheusTextParser(int maxChars) {
    this.maxChars = maxChars;
  }

  /** A parser refusing input above {@link #DEFAULT_MAX_CHARS}. */
  public static PrometheusTextParser create() {
    return DEFAULT;
  }

  /**
   * A parser refusing input longer than {@code maxChars} characters.
   *
   * @throws IllegalArgumentException if maxChars is not positive
   */
  public static PrometheusTextParser withMaxChars(int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: > 0)");
    }
    return new PrometheusTextParser(maxChars);
  }

  /** The input limit in characters. */
  public int maxChars() {
    return maxChars;
  }

  /**
   * Parses one whole exposition.
   *
   * @throws MetricsFormatException at the first malformed line, or when text is too long
   */
  public ParsedMetrics parse(CharSequence text) {
    if (text.length() > maxChars) {
      throw new MetricsFormatException(
          0, "input: " + text.length() + " chars (expected: at most " + maxChars + ")");
    }
    return new Run(text).parseAll();
  }

  /** The state of one parse. */
  private static final class Run {
    private final CharSequence text;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, MetricType> types = new HashMap<>();
    private final Map<String, String> help = new HashMap<>();
    private final Set<String> familiesWithSamples = new HashSet<>();
    private int pos;
    private int end;
    private int lineNo;

    Run(CharSequence text) {
      this.text = text;
    }

    ParsedMetrics parseAll() {
      int length = text.length();
      int start = 0;
      while (start < length) {
        int newline = indexOfNewline(start);
        lineNo++;
        pos = start;
        end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
        parseLine();
        start = newline + 1;
      }
      return new ParsedMetrics(samples, types, help);
    }

    private int indexOfNewline(int from) {
      for (int i = from; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          return i;
        }
      }
      return text.length();
    }

    private void parseLine() {
      skipBlanks();
      if (pos == end) {
        return;
      }
      if (text.charAt(pos) == '#') {
        pos++;
        parseComment();
      } else {
        parseSample();
      }
    }

    private void parseComment() {
      skipBlanks();
      int wordStart = pos;
      while (pos < end && !isBlank(text.charAt(pos))) {
        pos++;
      }
      String word = text.subSequence(wordStart, pos).toString();
      if (word.equals("HELP")) {
        parseHelp();
      } else if (word.equals("TYPE")) {
        parseType();
      }
      // Any other comment is ignored, as the format says.
    }

    private void parseHelp() {
      requireBlank("HELP metric name");
      String name = metricName("HELP metric name");
      String doc = "";
      if (pos < end) {
        requireBlank("docstring");
        doc = docstring();
      }
      if (help.putIfAbsent(name, doc) != null) {
        throw error("HELP " + name + ": a second HELP line (expected: one per metric family)");
      }
    }

    private void parseType() {
      requireBlank("TYPE metric name");
      String name = metricName("TYPE metric name");
      requireBlank("metric type");
      int typeStart = pos;
      while (pos < end && !isBlank(text.charAt(pos))) {
        pos++;
      }
      String word = text.subSequence(typeStart, pos).toString();
      MetricType type = MetricType.fromText(word);
      if (type == null) {
        throw error("TYPE " + name + ": \"" + word
            + "\" (expected: counter, gauge, histogram, summary or untyped)");
      }
      skipBlanks();
      expectEnd("end of TYPE line");
      if (types.containsKey(name)) {
        throw error("TYPE " + name + ": a second TYPE line (expected: one per metric family)");
      }
      if (familiesWithSamples.contains(name)) {
        throw error("TYPE " + name + ": after its samples (expected: TYPE before the first sample)");
      }
      types.put(name, type);
    }

    private void parseSample() {
      String name = metricName("metric name");
      familiesWithSamples.add(name);
      familiesWithSamples.add(familyOf(name));
      skipBlanks();
      Map<String, String> labels = Map.of();
      if (pos < end && text.charAt(pos) == '{') {
        pos++;
        labels = labels(name);
        skipBlanks();
      } else if (pos < end && pos > 0 && !isBlank(text.charAt(pos - 1))) {
        throw error(name + ": unexpected '" + text.charAt(pos)
            + "' after the metric name (expected: '{', a blank or a value)");
      }
      double value = value(name);
      Long timestamp = null;
      if (pos < end) {
        requireBlank("timestamp");
        if (pos < end) {
          timestamp = timestamp(name);
          skipBlanks();
          expectEnd("end of line after the timestamp");
        }
      }
      samples.add(new Sample(name, labels, value, timestamp));
    }

    private Map<String, String> labels(String metric) {
      Map<String, String> labels = new LinkedHashMap<>();
      skipBlanks();
      while (true) {
        if (pos >= end) {
          throw error(metric + ": labels not closed (expected: '}')");
        }
        if (text.charAt(pos) == '}') {
          pos++;
          return labels;
        }
        String label = labelName(metric);
        skipBlanks();
        expectChar('=', metric + ": label " + label + " (expected: '=' after the label name)");
        skipBlanks();
        expectChar('"', metric + ": label " + label + " (expected: '\"' opening the value)");
        String value = labelValue(metric, label);
        if (labels.put(label, value) != null) {
          throw error(metric + ": label " + label + " appears twice (expected: unique label names)");
        }
        skipBlanks();
        if (pos < end && text.charAt(pos) == ',') {
          pos++;
          skipBlanks();
        } else if (pos >= end || text.charAt(pos) != '}') {
          throw error(metric + ": label " + label + ": unexpected "
              + (pos >= end ? "end of line" : "'" + text.charAt(pos) + "'")
              + " (expected: ',' or '}')");
        }
      }
    }

    private String labelValue(String metric, String label) {
      StringBuilder value = new StringBuilder();
      while (pos < end) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          if (pos >= end) {
            break;
          }
          char escaped = text.charAt(pos++);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw error(metric + ": label " + label + ": escape \\" + escaped
                + " (expected: \\\\, \\\" or \\n)");
          }
        } else {
          value.append(c);
        }
      }
      throw error(metric + ": label " + label + ": value not closed (expected: '\"')");
    }

    private String docstring() {
      StringBuilder doc = new StringBuilder();
      while (pos < end) {
        char c = text.charAt(pos++);
        if (c != '\\') {
          doc.append(c);
          continue;
        }
        char escaped = pos < end ? text.charAt(pos++) : ' ';
        switch (escaped) {
          case '\\' -> doc.append('\\');
          case 'n' -> doc.append('\n');
          default -> throw error("HELP docstring: escape \\" + (escaped == ' ' ? "" : escaped)
              + " (expected: \\\\ or \\n)");
        }
      }
      return doc.toString();
    }

    private double value(String metric) {
      int start = pos;
      while (pos < end && !isBlank(text.charAt(pos))) {
        pos++;
      }
      String token = text.subSequence(start, pos).toString();
      if (token.isEmpty()) {
        throw error(metric + ": missing value (expected: a number, NaN, +Inf or -Inf)");
      }
      double value = FloatToken.parse(token);
      if (Double.isNaN(value) && !token.equalsIgnoreCase("nan")) {
        throw error(metric + ": value \"" + token + "\" (expected: a number, NaN, +Inf or -Inf)");
      }
      return value;
    }

    private long timestamp(String metric) {
      int start = pos;
      while (pos < end && !isBlank(text.charAt(pos))) {
        pos++;
      }
      String token = text.subSequence(start, pos).toString();
      try {
        return Long.parseLong(token);
      } catch (NumberFormatException e) {
        throw error(metric + ": timestamp \"" + token + "\" (expected: integer milliseconds)");
      }
    }

    private String metricName(String what) {
      int start = pos;
      if (pos < end && isNameStart(text.charAt(pos))) {
        pos++;
        while (pos < end && (isNameStart(text.charAt(pos)) || isDigit(text.charAt(pos)))) {
          pos++;
        }
      }
      if (pos == start) {
        throw error(what + ": " + describeHere() + " (expected: [a-zA-Z_:][a-zA-Z0-9_:]*)");
      }
      return text.subSequence(start, pos).toString();
    }

    private String labelName(String metric) {
      int start = pos;
      if (pos < end && isLabelStart(text.charAt(pos))) {
        pos++;
        while (pos < end && (isLabelStart(text.charAt(pos)) || isDigit(text.charAt(pos)))) {
          pos++;
        }
      }
      if (pos == start) {
        throw error(metric + ": label name: " + describeHere() + " (expected: [a-zA-Z_][a-zA-Z0-9_]*)");
      }
      return text.subSequence(start, pos).toString();
    }

    private String describeHere() {
      if (pos >= end) {
        return "end of line";
      }
      int stop = pos;
      while (stop < end && stop - pos < 20 && !isBlank(text.charAt(stop))) {
        stop++;
      }
      return "\"" + text.subSequence(pos, Math.max(stop, pos + 1)) + "\"";
    }

    private void requireBlank(String before) {
      if (pos >= end || !isBlank(text.charAt(pos))) {
        throw error("expected a blank before the " + before + ", found " + describeHere());
      }
      skipBlanks();
    }

    private void expectChar(char c, String message) {
      if (pos >= end || text.charAt(pos) != c) {
        throw error(message);
      }
      pos++;
    }

    private void expectEnd(String what) {
      if (pos < end) {
        throw error("unexpected " + describeHere() + " (expected: " + what + ")");
      }
    }

    private void skipBlanks() {
      while (pos < end && isBlank(text.charAt(pos))) {
        pos++;
      }
    }

    private MetricsFormatException error(String message) {
      return new MetricsFormatException(lineNo, message);
    }
  }

  /** The family a sample belongs to: histogram and summary parts share their base name. */
  static String familyOf(String name) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLabelStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNameStart(char c) {
    return isLabelStart(c) || c == ':';
  }
}
