package io.inferoute.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the {@code x-kubernetes-validations} (CEL) rules of a CRD schema on a resource.
 *
 * <p>There is no CEL interpreter here: the rules the Istio CRDs use are few and fixed, so each
 * known rule text maps to a Java predicate. A rule that the resource reaches and this class does
 * not know is reported as a violation, so a new rule can never pass unnoticed.
 */
public final class CelRules {

  private static final Pattern GO_DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

  private static final Map<String, Predicate<JsonNode>> KNOWN = Map.ofEntries(
      Map.entry("duration(self) >= duration('1ms')", self -> goDurationNanos(self.asText()) >= 1_000_000L),
      Map.entry("self.all(key, !key.contains(\"*\"))", self -> allKeys(self, k -> !k.contains("*"))),
      Map.entry("self.all(key, key.size() != 0)", self -> allKeys(self, k -> !k.isEmpty())),
      Map.entry("!self.contains(\"*\")", self -> !self.asText().contains("*")),
      Map.entry("0 < self && self <= 65535", self -> self.asLong() > 0 && self.asLong() <= 65535),
      Map.entry("self.size() == 0", self -> self.size() == 0),
      Map.entry("(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1",
          self -> !(self.has("workloadSelector") && self.has("targetRefs"))),
      Map.entry("has(self.context) ? ((self.context == \"WAYPOINT\") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)",
          self -> "WAYPOINT".equals(self.path("context").asText(null)) == self.has("waypoint")),
      // ServiceEntry rules (not in the envoy module's copy: its examples have no ServiceEntry).
      Map.entry("(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1",
          self -> !(self.has("workloadSelector") && self.has("endpoints"))),
      Map.entry("!((has(self.addresses) ? self.addresses : []).exists(k, k.contains(\"/\")) && !((has(self.resolution) ? self.resolution : \"NONE\") in [\"STATIC\", \"NONE\"]))",
          self -> !(anyText(self.path("addresses"), a -> a.contains("/"))
              && !List.of("STATIC", "NONE").contains(self.path("resolution").asText("NONE")))),
      Map.entry("((has(self.resolution) ? self.resolution : \"NONE\") == \"NONE\") ? !has(self.endpoints) : true",
          self -> !"NONE".equals(self.path("resolution").asText("NONE")) || !self.has("endpoints")),
      Map.entry("((has(self.resolution) ? self.resolution : \"\") == \"DNS_ROUND_ROBIN\") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true",
          self -> !"DNS_ROUND_ROBIN".equals(self.path("resolution").asText("")) || self.path("endpoints").size() <= 1),
      Map.entry("self != \"*\"", self -> !"*".equals(self.asText())),
      Map.entry("self.all(l1, self.exists_one(l2, l1.number == l2.number))", CelRules::uniquePortNumbers),
      Map.entry("has(self.address) || has(self.network)", self -> self.has("address") || self.has("network")),
      Map.entry("(has(self.address) ? self.address : \"\").startsWith(\"unix://\") ? !has(self.ports) : true",
          self -> !self.path("address").asText("").startsWith("unix://") || !self.has("ports")),
      Map.entry("self.startsWith(\"unix://\") ? (self.substring(7, 8) == \"/\" || self.substring(7, 8) == \"@\") : true",
          self -> !self.asText().startsWith("unix://") || self.asText().startsWith("unix:///")
              || self.asText().startsWith("unix://@")),
      Map.entry("self.startsWith(\"unix://\") ? !self.endsWith(\"/\") : true",
          self -> !self.asText().startsWith("unix://") || !self.asText().endsWith("/")));

  private CelRules() {}

  /** Every rule the instance breaks, as {@code path: message (expected: rule)}. */
  public static List<String> violations(JsonNode schema, JsonNode instance, String path) {
    List<String> out = new ArrayList<>();
    walk(schema, instance, path, out);
    return out;
  }

  private static void walk(JsonNode schema, JsonNode instance, String path, List<String> out) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      check(rule, instance, path, out);
    }
    if (instance.isObject()) {
      walkFields(schema, instance, path, out);
    } else if (instance.isArray() && schema.has("items")) {
      for (int i = 0; i < instance.size(); i++) {
        walk(schema.get("items"), instance.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static void walkFields(JsonNode schema, JsonNode instance, String path, List<String> out) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Map.Entry<String, JsonNode> field : instance.properties()) {
      JsonNode sub = properties.has(field.getKey()) ? properties.get(field.getKey()) : additional;
      if (sub.isObject()) {
        walk(sub, field.getValue(), path + "." + field.getKey(), out);
      }
    }
  }

  private static void check(JsonNode rule, JsonNode self, String path, List<String> out) {
    String text = rule.path("rule").asText();
    Predicate<JsonNode> predicate = KNOWN.get(text);
    if (predicate == null) {
      out.add(path + ": CEL rule not evaluated (expected: a rule CelRules knows): " + text);
    } else if (!predicate.test(self)) {
      out.add(path + ": " + rule.path("message").asText("rule failed") + " (expected: " + text + ")");
    }
  }

  private static boolean anyText(JsonNode array, Predicate<String> test) {
    for (JsonNode item : array) {
      if (test.test(item.asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean uniquePortNumbers(JsonNode ports) {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (JsonNode port : ports) {
      if (!seen.add(port.path("number").asLong())) {
        return false;
      }
    }
    return true;
  }

  private static boolean allKeys(JsonNode map, Predicate<String> test) {
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      if (!test.test(it.next())) {
        return false;
      }
    }
    return true;
  }

  /** A Go duration such as {@code 1m30s} in nanoseconds; -1 when it is not one. */
  public static long goDurationNanos(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    Matcher m = GO_DURATION_PART.matcher(text);
    double nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return -1;
      }
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      end = m.end();
    }
    return end == text.length() ? (long) nanos : -1;
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "ns": return 1;
      case "us":
      case "µs": return 1e3;
      case "ms": return 1e6;
      case "s": return 1e9;
      case "m": return 60e9;
      default: return 3600e9;
    }
  }
}
