package io.inferoute.policy.yaml;

import io.inferoute.policy.Cost;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.EndpointSpec.MetricsSource;
import io.inferoute.policy.HostPort;
import io.inferoute.policy.Locality;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Maps {@code spec.endpoints[i]} to {@link EndpointSpec}s, checking names and tier references. */
final class EndpointMapper {
  static final List<String> FIELDS = List.of("name", "address", "tier", "locality", "models",
      "hardware", "cost", "maxConcurrency", "maxQueue", "speeds", "metrics");
  private static final List<String> COST = List.of("inputPerMillionTokens", "outputPerMillionTokens", "perRequest");
  private static final List<String> SPEEDS = List.of("prefillTokensPerSecond", "decodeTokensPerSecond");
  private static final List<String> METRICS = List.of("url", "engine");
  /** Model servers whose metric names Inferoute knows; {@code custom} uses a configured mapping. */
  static final Map<String, String> ENGINES =
      Map.of("vllm", "vllm", "sglang", "sglang", "trtllm", "trtllm", "custom", "custom");

  private final NodeReader r;
  private final @Nullable List<String> tiers;

  EndpointMapper(NodeReader r, @Nullable List<String> tiers) {
    this.r = r;
    this.tiers = tiers;
  }

  /** All endpoints, or null when any of them has an error. */
  @Nullable List<EndpointSpec> map(List<Node> items, String path) {
    int before = r.problems().errorCount();
    List<EndpointSpec> out = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      EndpointSpec e = endpoint(items.get(i), path + "[" + i + "]", names);
      if (e != null) {
        out.add(e);
      }
    }
    return r.problems().errorCount() > before ? null : out;
  }

  private @Nullable EndpointSpec endpoint(Node node, String path, Map<String, Node> names) {
    int before = r.problems().errorCount();
    Fields f = r.fields(node, path, FIELDS);
    if (f == null) {
      return null;
    }
    for (String key : List.of("name", "address", "tier", "locality", "models")) {
      r.require(f, key);
    }
    String name = uniqueName(f, names);
    HostPort address = r.parsed(f, "address", "host:port", HostPort::parse);
    String tier = References.tier(r, f, "tier", tiers);
    Locality locality = r.parsed(f, "locality", "region/zone/subzone", Locality::parse);
    List<String> models = r.names(f, "models", NameKind.MODEL);
    if (models != null && models.isEmpty()) {
      r.problems().error(f.get("models"), f.path("models"), "[] is empty (expected: at least one model)");
    }
    List<String> hardware = r.names(f, "hardware", NameKind.NAME);
    Cost cost = cost(f);
    Integer maxConcurrency = r.integer(f, "maxConcurrency", 1, 1_000_000);
    Integer maxQueue = r.integer(f, "maxQueue", 0, 1_000_000);
    double[] speeds = speeds(f);
    MetricsSource metrics = metrics(f);
    if (r.problems().errorCount() > before || name == null || address == null || tier == null
        || locality == null || models == null) {
      return null;
    }
    return Build.at(r, node, path, () -> new EndpointSpec(name, address, tier, locality,
        new LinkedHashSet<>(models), hardware == null ? Set.of() : new LinkedHashSet<>(hardware),
        cost == null ? Cost.FREE : cost,
        maxConcurrency == null ? EndpointSpec.DEFAULT_MAX_CONCURRENCY : maxConcurrency,
        maxQueue == null ? EndpointSpec.DEFAULT_MAX_QUEUE : maxQueue, speeds[0], speeds[1], metrics));
  }

  private @Nullable String uniqueName(Fields f, Map<String, Node> names) {
    String name = r.name(f, "name", NameKind.NAME);
    if (name != null) {
      Node first = names.putIfAbsent(name, f.get("name"));
      if (first != null) {
        r.problems().error(f.get("name"), f.path("name"),
            NodeReader.quote(name) + " appears twice (first at " + NodeReader.position(first) + ")");
        return null;
      }
    }
    return name;
  }

  private @Nullable Cost cost(Fields endpoint) {
    Fields f = r.mapping(endpoint, "cost", COST);
    if (f == null) {
      return null;
    }
    Double in = r.decimal(f, "inputPerMillionTokens", 0, false);
    Double out = r.decimal(f, "outputPerMillionTokens", 0, false);
    Double perRequest = r.decimal(f, "perRequest", 0, false);
    return new Cost(in == null ? 0 : in, out == null ? 0 : out, perRequest == null ? 0 : perRequest);
  }

  private double[] speeds(Fields endpoint) {
    double[] speeds = {EndpointSpec.DEFAULT_PREFILL_TOKENS_PER_SECOND,
        EndpointSpec.DEFAULT_DECODE_TOKENS_PER_SECOND};
    Fields f = r.mapping(endpoint, "speeds", SPEEDS);
    if (f != null) {
      Double prefill = r.decimal(f, "prefillTokensPerSecond", 0, true);
      Double decode = r.decimal(f, "decodeTokensPerSecond", 0, true);
      speeds[0] = prefill == null ? speeds[0] : prefill;
      speeds[1] = decode == null ? speeds[1] : decode;
    }
    return speeds;
  }

  private @Nullable MetricsSource metrics(Fields endpoint) {
    Fields f = r.mapping(endpoint, "metrics", METRICS);
    if (f == null) {
      return null;
    }
    r.require(f, "url");
    String url = r.parsed(f, "url", "an http(s) URL", EndpointMapper::httpUrl);
    String engine = r.choice(f, "engine", ENGINES, "a metrics engine");
    return url == null ? null : new MetricsSource(url, engine == null ? "vllm" : engine);
  }

  private static String httpUrl(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new IllegalArgumentException(NodeReader.quote(text)
        + " is not an http(s) URL (expected e.g. http://10.0.0.5:8000/metrics)");
  }
}
