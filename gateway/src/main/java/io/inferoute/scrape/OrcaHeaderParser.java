package io.inferoute.scrape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Parses the ORCA {@code endpoint-load-metrics} response header, as Envoy's {@code orca_parser}
 * and vLLM's {@code create_orca_header} write and read it: <ul>
 * <li>{@code TEXT cpu_utilization=0.3, mem_utilization=0.8, named_metrics.foo=123} — comma-separated
 *     {@code name=value} pairs; names are {@code cpu_utilization}, {@code mem_utilization}, {@code
 *     application_utilization}, {@code eps}, {@code rps_fractional}, or {@code named_metrics.},
 *     {@code request_cost.} or {@code utilization.} followed by a key; each name once; values finite.
 * <li>{@code JSON {"cpu_utilization": 0.3, "named_metrics": {"foo": 123}}} — the proto's JSON form,
 *     snake_case or lowerCamelCase field names; unknown fields are ignored as proto JSON parsing does.
 * <li>{@code BIN <base64 proto>} is not supported (it needs the xds proto classes): refused with a
 *     clear error.
 * </ul>
 */
public final class OrcaHeaderParser {
  /** The header name. */
  public static final String HEADER = "endpoint-load-metrics";

  /** Longest header value parsed, in characters. */
  public static final int MAX_CHARS = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrcaHeaderParser() {}

  /**
   * Parses one header value.
   *
   * @throws IllegalArgumentException naming the offending part and what was expected
   */
  public static OrcaLoadReport parse(String headerValue) {
    if (headerValue.length() > MAX_CHARS) {
      throw new IllegalArgumentException(HEADER + ": " + headerValue.length()
          + " chars (expected: at most " + MAX_CHARS + ")");
    }
    String value = headerValue.strip();
    if (value.startsWith("TEXT ")) {
      return new Builder().text(value.substring(5));
    }
    if (value.startsWith("JSON ")) {
      return new Builder().json(value.substring(5));
    }
    if (value.startsWith("BIN ")) {
      throw new IllegalArgumentException(HEADER + ": BIN format (expected: TEXT or JSON; binary proto is not supported)");
    }
    throw new IllegalArgumentException(HEADER + ": \"" + abbreviate(value)
        + "\" (expected: a TEXT, JSON or BIN prefix)");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** Collects fields as they are parsed. */
  private static final class Builder {
    double cpu = Double.NaN;
    double mem = Double.NaN;
    double application = Double.NaN;
    double rps = Double.NaN;
    double eps = Double.NaN;
    final Map<String, Double> named = new HashMap<>();
    final Map<String, Double> requestCost = new HashMap<>();
    final Map<String, Double> utilization = new HashMap<>();

    OrcaLoadReport text(String body) {
      Set<String> seen = new HashSet<>();
      for (String pair : body.split(",", -1)) {
        String trimmed = pair.strip();
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(HEADER + ": \"" + abbreviate(trimmed)
              + "\" (expected: name=value)");
        }
        String name = trimmed.substring(0, eq).strip();
        if (!seen.add(name)) {
          throw new IllegalArgumentException(HEADER + ": " + name + " appears twice (expected: each metric once)");
        }
        set(name, number(name, trimmed.substring(eq + 1).strip()));
      }
      return build();
    }

    OrcaLoadReport json(String body) {
      JsonNode root;
      try {
        root = JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(HEADER + ": JSON: " + e.getOriginalMessage()
            + " (expected: a JSON object)");
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(HEADER + ": JSON " + abbreviate(body) + " (expected: a JSON object)");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        jsonField(snakeCase(field.getKey()), field.getValue());
      }
      return build();
    }

    private void jsonField(String name, JsonNode value) {
      Map<String, Double> map = switch (name) {
        case "named_metrics" -> named;
        case "request_cost" -> requestCost;
        case "utilization" -> utilization;
        default -> null;
      };
      if (map == null) {
        if (isScalar(name)) {
          set(name, jsonNumber(name, value));
        }
        return;
      }
      if (!value.isObject()) {
        throw new IllegalArgumentException(HEADER + ": " + name + ": " + value.getNodeType()
            + " (expected: an object of numbers)");
      }
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        map.put(entry.getKey(), jsonNumber(name + "." + entry.getKey(), entry.getValue()));
      }
    }

    private static boolean isScalar(String name) {
      return switch (name) {
        case "cpu_utilization", "mem_utilization", "application_utilization", "eps", "rps_fractional" -> true;
        default -> false;
      };
    }

    private static double jsonNumber(String name, JsonNode value) {
      if (value.isNumber()) {
        return finite(name, value.doubleValue(), value.toString());
      }
      if (value.isTextual()) {
        return number(name, value.textValue());
      }
      throw new IllegalArgumentException(HEADER + ": " + name + ": " + value + " (expected: a number)");
    }

    private void set(String name, double value) {
      int dot = name.indexOf('.');
      if (dot > 0) {
        String key = name.substring(dot + 1);
        Map<String, Double> map = switch (name.substring(0, dot)) {
          case "named_metrics" -> named;
          case "request_cost" -> requestCost;
          case "utilization" -> utilization;
          default -> throw unsupported(name);
        };
        if (key.isEmpty()) {
          throw new IllegalArgumentException(HEADER + ": " + name + " has an empty key (expected: "
              + name + "<key>)");
        }
        map.put(key, value);
        return;
      }
      switch (name) {
        case "cpu_utilization" -> cpu = value;
        case "mem_utilization" -> mem = value;
        case "application_utilization" -> application = value;
        case "eps" -> eps = value;
        case "rps_fractional" -> rps = value;
        default -> throw unsupported(name);
      }
    }

    private static IllegalArgumentException unsupported(String name) {
      return new IllegalArgumentException(HEADER + ": " + name + " (expected: cpu_utilization, "
          + "mem_utilization, application_utilization, eps, rps_fractional, named_metrics.<key>, "
          + "request_cost.<key> or utilization.<key>)");
    }

    private static double number(String name, String text) {
      double value = FloatToken.parse(text);
      if (Double.isNaN(value) && !text.equalsIgnoreCase("nan")) {
        throw new IllegalArgumentException(HEADER + ": " + name + "=" + abbreviate(text)
            + " (expected: a number)");
      }
      return finite(name, value, text);
    }

    private static double finite(String name, double value, String text) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(HEADER + ": " + name + "=" + text
            + " (expected: a finite number)");
      }
      return value;
    }

    private OrcaLoadReport build() {
      return new OrcaLoadReport(cpu, mem, application, rps, eps, named, requestCost, utilization);
    }
  }

  /** Proto JSON accepts lowerCamelCase names; maps them to the proto's snake_case. */
  private static String snakeCase(String name) {
    StringBuilder s = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        s.append('_').append(Character.toLowerCase(c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }
}
