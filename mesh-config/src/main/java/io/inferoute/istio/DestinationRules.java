package io.inferoute.istio;

import io.inferoute.policy.BreakerSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@code networking.istio.io/v1} DestinationRules as plain maps (for YAML, JSON and the
 * Kubernetes API alike).
 */
public final class DestinationRules {

  /** The API version Inferoute writes. */
  public static final String API_VERSION = "networking.istio.io/v1";

  /** The kind. */
  public static final String KIND = "DestinationRule";

  private DestinationRules() {}

  /**
   * A whole rule: host, the locality setting, and outlier detection from the breaker settings
   * (locality failover has no effect without it).
   */
  public static Map<String, Object> full(DestinationRuleTarget target, LocalityLbSetting setting,
      @Nullable BreakerSettings breaker) {
    Map<String, Object> trafficPolicy = new LinkedHashMap<>();
    trafficPolicy.put("loadBalancer", loadBalancer(setting));
    if (breaker != null) {
      trafficPolicy.put("outlierDetection", outlierDetection(breaker));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("host", target.host());
    spec.put("trafficPolicy", trafficPolicy);
    return resource(target, spec);
  }

  /** A rule holding the host and the locality setting only: what a GitOps file or a first create carries. */
  public static Map<String, Object> weightsOnly(DestinationRuleTarget target, LocalityLbSetting setting) {
    Map<String, Object> loadBalancer = Yaml.map("localityLbSetting", setting.toMap());
    return resource(target, Yaml.map("host", target.host(), "trafficPolicy", Yaml.map("loadBalancer", loadBalancer)));
  }

  /**
   * The server-side-apply intent: only {@code spec.trafficPolicy.loadBalancer.localityLbSetting}, so
   * field manager {@code inferoute} owns that field and nothing else of the rule.
   */
  public static Map<String, Object> applyIntent(DestinationRuleTarget target, LocalityLbSetting setting) {
    Map<String, Object> loadBalancer = Yaml.map("localityLbSetting", setting.toMap());
    return resource(target, Yaml.map("trafficPolicy", Yaml.map("loadBalancer", loadBalancer)));
  }

  /** Envoy outlier detection in Istio's terms, from the policy's breaker settings. */
  public static Map<String, Object> outlierDetection(BreakerSettings b) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (b.consecutive5xx() > 0) {
      out.put("consecutive5xxErrors", b.consecutive5xx());
    }
    if (b.consecutiveGatewayFailures() > 0) {
      out.put("consecutiveGatewayErrors", b.consecutiveGatewayFailures());
    }
    out.put("interval", goDuration(b.interval()));
    out.put("baseEjectionTime", goDuration(b.baseEjectionTime()));
    out.put("maxEjectionPercent", b.maxEjectionPercent());
    out.put("minHealthPercent", b.healthyPanicThresholdPercent());
    return out;
  }

  private static Map<String, Object> loadBalancer(LocalityLbSetting setting) {
    Map<String, Object> lb = new LinkedHashMap<>();
    // Least request suits long, uneven inference requests better than round robin.
    lb.put("simple", "LEAST_REQUEST");
    lb.put("localityLbSetting", setting.toMap());
    return lb;
  }

  private static Map<String, Object> resource(DestinationRuleTarget target, Map<String, Object> spec) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", target.name());
    metadata.put("namespace", target.namespace());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", API_VERSION);
    out.put("kind", KIND);
    out.put("metadata", metadata);
    out.put("spec", spec);
    return out;
  }

  /** A Go duration as Istio reads it: whole seconds as {@code 10s}, otherwise milliseconds. */
  static String goDuration(Duration d) {
    long millis = Math.max(1, d.toMillis());
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
