package io.inferoute.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * istiod's validating-webhook rules for {@code localityLbSetting}, which the CRD schema does not
 * encode; every setting is checked here before anything is published or rendered.
 *
 * <p>After istio/istio {@code pkg/config/validation/agent/validation.go},
 * {@code ValidateLocalityLbSetting}: {@code distribute} and {@code failover} are exclusive; each
 * distribute entry's weights are integers 1..100 summing to exactly 100; localities are
 * {@code region/zone/subzone} with non-empty segments and at most one {@code *}, only as the whole
 * last segment; the {@code to} localities of one entry do not overlap ({@code us/*} with
 * {@code us/z1}); failover names regions only and {@code from != to}. Failover without
 * {@code outlierDetection} is accepted with a warning: it has no effect.
 */
public final class LocalityLbValidator {

  private LocalityLbValidator() {}

  /**
   * What istiod would reject ({@code errors}) and what it accepts with a warning.
   *
   * @param errors one line per violated rule, {@code path: value (expected: …)}
   * @param warnings accepted but probably not what was meant
   */
  public record Findings(List<String> errors, List<String> warnings) {
    public Findings {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** Whether istiod would accept the resource. */
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** Checks a setting as it would sit in a traffic policy with or without outlier detection. */
  public static Findings check(LocalityLbSetting setting, boolean hasOutlierDetection) {
    Map<String, Object> policy = hasOutlierDetection
        ? Map.of("loadBalancer", Map.of("localityLbSetting", setting.toMap()), "outlierDetection", Map.of())
        : Map.of("loadBalancer", Map.of("localityLbSetting", setting.toMap()));
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    checkSetting(Yaml.tree(policy), "trafficPolicy", errors, warnings);
    return new Findings(errors, warnings);
  }

  /** Checks every traffic policy of a DestinationRule (the whole resource): top level, per port, per subset. */
  public static Findings checkDestinationRule(JsonNode destinationRule) {
    JsonNode spec = destinationRule.path("spec");
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    checkPolicy(spec.path("trafficPolicy"), "spec.trafficPolicy", errors, warnings);
    JsonNode subsets = spec.path("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      checkPolicy(subsets.get(i).path("trafficPolicy"), "spec.subsets[" + i + "].trafficPolicy",
          errors, warnings);
    }
    return new Findings(errors, warnings);
  }

  /**
   * Throws unless the setting is valid.
   *
   * @throws IllegalArgumentException listing every violated rule
   */
  public static void requireValid(LocalityLbSetting setting, String what) {
    Findings findings = check(setting, true);
    if (!findings.valid()) {
      throw new IllegalArgumentException(what + ": localityLbSetting rejected by istiod's rules: "
          + String.join("; ", findings.errors()));
    }
  }

  private static void checkPolicy(JsonNode policy, String path, List<String> errors, List<String> warnings) {
    checkSetting(policy, path, errors, warnings);
    JsonNode ports = policy.path("portLevelSettings");
    for (int i = 0; i < ports.size(); i++) {
      checkSetting(ports.get(i), path + ".portLevelSettings[" + i + "]", errors, warnings);
    }
  }

  private static void checkSetting(JsonNode policy, String path, List<String> errors, List<String> warnings) {
    JsonNode setting = policy.path("loadBalancer").path("localityLbSetting");
    if (setting.isMissingNode() || setting.isNull()) {
      return;
    }
    String at = path + ".loadBalancer.localityLbSetting";
    JsonNode distribute = setting.path("distribute");
    JsonNode failover = setting.path("failover");
    if (distribute.size() > 0 && failover.size() > 0) {
      errors.add(at + ": distribute and failover both set (expected: at most one of them)");
    }
    for (int i = 0; i < distribute.size(); i++) {
      checkDistribute(distribute.get(i), at + ".distribute[" + i + "]", errors);
    }
    for (int i = 0; i < failover.size(); i++) {
      checkFailover(failover.get(i), at + ".failover[" + i + "]", errors);
    }
    if (failover.size() > 0 && !policy.has("outlierDetection")) {
      warnings.add(at + ".failover: set without outlierDetection"
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

  /** {@code region/zone/subzone}: 1..3 non-empty segments, at most one '*', only as the whole last segment. */
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

  /** One covers the other: the concrete segments of one are a prefix of the other's. */
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
