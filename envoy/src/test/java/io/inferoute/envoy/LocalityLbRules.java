package io.inferoute.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * istiod's webhook rules for {@code localityLbSetting}, which the CRD schema does not encode.
 *
 * <p>After istio/istio {@code pkg/config/validation/agent/validation.go},
 * {@code ValidateLocalityLbSetting}, as summarised in {@code shared/schemas/istio/README.md}:
 * distribute and failover are exclusive; each distribute entry's weights are integers 1..100
 * summing to 100; localities are {@code region/zone/subzone} with non-empty segments and at most
 * one {@code *}, as the last segment; the {@code to} localities of one entry do not overlap;
 * failover names regions only, {@code from != to}; failover without outlier detection has no
 * effect (a warning).
 */
final class LocalityLbRules {

  /** What istiod would reject ({@code errors}) and what it accepts with a warning. */
  record Findings(List<String> errors, List<String> warnings) {}

  private LocalityLbRules() {}

  /** Checks every traffic policy of a DestinationRule spec: top level, per port and per subset. */
  static Findings check(JsonNode destinationRuleSpec) {
    Findings findings = new Findings(new ArrayList<>(), new ArrayList<>());
    checkPolicy(destinationRuleSpec.path("trafficPolicy"), "spec.trafficPolicy", findings);
    JsonNode subsets = destinationRuleSpec.path("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      checkPolicy(subsets.get(i).path("trafficPolicy"), "spec.subsets[" + i + "].trafficPolicy", findings);
    }
    return findings;
  }

  private static void checkPolicy(JsonNode policy, String path, Findings findings) {
    checkSetting(policy, path, findings);
    JsonNode ports = policy.path("portLevelSettings");
    for (int i = 0; i < ports.size(); i++) {
      checkSetting(ports.get(i), path + ".portLevelSettings[" + i + "]", findings);
    }
  }

  private static void checkSetting(JsonNode policy, String path, Findings findings) {
    JsonNode setting = policy.path("loadBalancer").path("localityLbSetting");
    if (setting.isMissingNode()) {
      return;
    }
    String at = path + ".loadBalancer.localityLbSetting";
    JsonNode distribute = setting.path("distribute");
    JsonNode failover = setting.path("failover");
    if (distribute.size() > 0 && failover.size() > 0) {
      findings.errors().add(at + ": distribute and failover both set (expected: at most one of them)");
    }
    for (int i = 0; i < distribute.size(); i++) {
      checkDistribute(distribute.get(i), at + ".distribute[" + i + "]", findings.errors());
    }
    for (int i = 0; i < failover.size(); i++) {
      checkFailover(failover.get(i), at + ".failover[" + i + "]", findings.errors());
    }
    if (failover.size() > 0 && !policy.has("outlierDetection")) {
      findings.warnings().add(at + ".failover: set without outlierDetection"
          + " (expected: outlierDetection, or failover has no effect)");
    }
  }

  private static void checkDistribute(JsonNode entry, String at, List<String> errors) {
    checkLocality(entry.path("from").asText(""), at + ".from", errors);
    List<String> targets = new ArrayList<>();
    long sum = 0;
    for (Map.Entry<String, JsonNode> target : entry.path("to").properties()) {
      String where = at + ".to[" + target.getKey() + "]";
      checkLocality(target.getKey(), where, errors);
      JsonNode weight = target.getValue();
      if (!weight.isIntegralNumber() || weight.asLong() < 1 || weight.asLong() > 100) {
        errors.add(where + ": " + weight + " (expected: an integer 1..100)");
      }
      sum += weight.asLong();
      targets.add(target.getKey());
    }
    if (sum != 100) {
      errors.add(at + ".to: weights sum to " + sum + " (expected: 100)");
    }
    checkNoOverlap(targets, at + ".to", errors);
  }

  private static void checkFailover(JsonNode entry, String at, List<String> errors) {
    String from = entry.path("from").asText("");
    String to = entry.path("to").asText("");
    for (String region : List.of(from, to)) {
      if (region.isEmpty() || region.contains("/") || region.contains("*")) {
        errors.add(at + ": " + region + " (expected: a region name, no '/' or '*')");
      }
    }
    if (from.equals(to)) {
      errors.add(at + ": from " + from + " equals to (expected: different regions)");
    }
  }

  /** {@code region/zone/subzone}: 1..3 non-empty segments, at most one '*', only as last segment. */
  static void checkLocality(String locality, String at, List<String> errors) {
    String[] segments = locality.split("/", -1);
    long stars = locality.chars().filter(c -> c == '*').count();
    boolean emptySegment = Arrays.stream(segments).anyMatch(String::isEmpty);
    boolean starNotLast = stars == 1 && !segments[segments.length - 1].equals("*");
    if (segments.length > 3 || emptySegment || stars > 1 || starNotLast) {
      errors.add(at + ": " + locality
          + " (expected: region/zone/subzone, non-empty segments, '*' only as the whole last segment)");
    }
  }

  private static void checkNoOverlap(List<String> localities, String at, List<String> errors) {
    for (int i = 0; i < localities.size(); i++) {
      for (int j = i + 1; j < localities.size(); j++) {
        if (overlap(localities.get(i), localities.get(j))) {
          errors.add(at + ": " + localities.get(i) + " overlaps " + localities.get(j)
              + " (expected: disjoint localities)");
        }
      }
    }
  }

  /** One covers the other: its concrete segments are a prefix of the other's. */
  static boolean overlap(String a, String b) {
    List<String> pa = concreteSegments(a);
    List<String> pb = concreteSegments(b);
    int n = Math.min(pa.size(), pb.size());
    return pa.subList(0, n).equals(pb.subList(0, n));
  }

  private static List<String> concreteSegments(String locality) {
    List<String> segments = new ArrayList<>(Arrays.asList(locality.split("/", -1)));
    if (!segments.isEmpty() && segments.get(segments.size() - 1).equals("*")) {
      segments.remove(segments.size() - 1);
    }
    return segments;
  }
}
