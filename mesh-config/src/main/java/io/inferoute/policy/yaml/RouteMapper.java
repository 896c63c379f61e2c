package io.inferoute.policy.yaml;

import io.inferoute.policy.AffinitySettings;
import io.inferoute.policy.Objective;
import io.inferoute.policy.PlacementStrategy;
import io.inferoute.policy.Priority;
import io.inferoute.policy.RouteMatch;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.ScoreWeights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Maps {@code spec.routes[i]} and {@code spec.defaultRoute} to {@link RouteSpec}s.
 *
 * <p>A route in {@code spec.routes} needs a {@code name} and a non-empty {@code match}; the
 * catch-all is {@code spec.defaultRoute}, which has neither (its name is {@value #DEFAULT_NAME}).
 */
final class RouteMapper {
  static final String DEFAULT_NAME = "default";
  static final List<String> DEFAULT_ROUTE_FIELDS = List.of("objective", "weights", "slo", "residency",
      "requiredHardware", "fallback", "affinity", "budget", "priority", "timeout", "strategy");
  static final List<String> FIELDS = concat(List.of("name", "match"), DEFAULT_ROUTE_FIELDS);
  private static final List<String> MATCH = List.of("model", "pathPrefix", "headers");
  private static final List<String> WEIGHTS = List.of("latency", "load", "affinity", "cost", "gravity");
  private static final List<String> AFFINITY = List.of("prefix", "sessionHeader", "boundedLoadEpsilon");
  private static final List<String> PREFIX = List.of("blockChars", "maxBlocks");
  static final Map<String, Objective> OBJECTIVES = enumByWireName(Objective.values());
  static final Map<String, Priority> PRIORITIES = enumByWireName(Priority.values());
  static final Map<String, PlacementStrategy> STRATEGIES = enumByWireName(PlacementStrategy.values());

  private final NodeReader r;
  private final @Nullable List<String> tiers;
  private final @Nullable Collection<String> models;

  RouteMapper(NodeReader r, @Nullable List<String> tiers, @Nullable Collection<String> models) {
    this.r = r;
    this.tiers = tiers;
    this.models = models;
  }

  /** All routes, or null when any of them has an error. */
  @Nullable List<RouteSpec> map(List<Node> items, String path) {
    int before = r.problems().errorCount();
    List<RouteSpec> out = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Fields f = r.fields(items.get(i), path + "[" + i + "]", FIELDS);
      RouteSpec route = f == null ? null : route(f, names);
      if (route != null) {
        out.add(route);
      }
    }
    return r.problems().errorCount() > before ? null : out;
  }

  /** The default route from {@code spec.defaultRoute}. */
  @Nullable RouteSpec defaultRoute(Fields f) {
    return body(f, DEFAULT_NAME, RouteMatch.ANY);
  }

  private @Nullable RouteSpec route(Fields f, Map<String, Node> names) {
    r.require(f, "name");
    r.require(f, "match");
    String name = r.name(f, "name", NameKind.NAME);
    Node nameNode = f.get("name");
    if (name != null && nameNode != null) {
      Node first = names.putIfAbsent(name, nameNode);
      if (name.equals(DEFAULT_NAME)) {
        r.problems().error(nameNode, f.path("name"),
            "\"default\" is reserved (expected: another name; the catch-all is spec.defaultRoute)");
      } else if (first != null) {
        r.problems().error(nameNode, f.path("name"),
            NodeReader.quote(name) + " appears twice (first at " + NodeReader.position(first) + ")");
      }
    }
    RouteMatch match = match(f);
    return name == null || match == null ? null : body(f, name, match);
  }

  private @Nullable RouteMatch match(Fields route) {
    Fields f = r.mapping(route, "match", MATCH);
    if (f == null) {
      return null;
    }
    int before = r.problems().errorCount();
    if (!f.has("model") && !f.has("pathPrefix") && !f.has("headers")) {
      r.problems().error(f.node(), f.path(), "{} matches every request "
          + "(expected: at least one of model, pathPrefix, headers; the catch-all is spec.defaultRoute)");
    }
    String model = r.name(f, "model", NameKind.MODEL);
    Node modelNode = f.get("model");
    if (model != null && modelNode != null) {
      References.check(r, modelNode, f.path("model"), model, models, "a model any endpoint serves");
    }
    String prefix = r.string(f, "pathPrefix", "a path prefix like /v1/chat");
    if (prefix != null && !prefix.startsWith("/")) {
      r.problems().error(f.get("pathPrefix"), f.path("pathPrefix"),
          NodeReader.quote(prefix) + " is not a path prefix (expected: starts with /, e.g. /v1/chat)");
    }
    Map<String, String> headers = r.stringMap(f, "headers", NameKind.HEADER);
    if (r.problems().errorCount() > before) {
      return null;
    }
    return Build.at(r, f.node(), f.path(),
        () -> new RouteMatch(model, prefix, headers == null ? Map.of() : headers));
  }

  /** Everything a route and the default route share. */
  private @Nullable RouteSpec body(Fields f, String name, RouteMatch match) {
    int before = r.problems().errorCount();
    Objective objective = r.choice(f, "objective", OBJECTIVES, "an objective");
    Objective o = objective == null ? Objective.BALANCED : objective;
    ScoreWeights weights = weights(f, o);
    Duration ttft = slo(f);
    List<String> regions = regions(f);
    List<String> hardware = r.names(f, "requiredHardware", NameKind.NAME);
    List<String> fallback = fallback(f);
    AffinitySettings affinity = affinity(f);
    Double budget = budget(f);
    Priority priority = r.choice(f, "priority", PRIORITIES, "a priority");
    Duration timeout = r.duration(f, "timeout", false);
    PlacementStrategy strategy = r.choiceListingAll(f, "strategy", STRATEGIES, "a strategy");
    if (r.problems().errorCount() > before || weights == null) {
      return null;
    }
    return Build.at(r, f.node(), f.path(), () -> new RouteSpec(name, match, o, weights, ttft,
        set(regions), set(hardware), fallback == null ? List.of() : fallback, affinity, budget,
        priority == null ? Priority.STANDARD : priority, timeout,
        strategy == null ? PlacementStrategy.INFEROUTE : strategy));
  }

  private @Nullable ScoreWeights weights(Fields route, Objective objective) {
    if (!route.has("weights")) {
      return objective.defaultWeights();
    }
    Fields f = r.mapping(route, "weights", WEIGHTS);
    if (f == null) {
      return null;
    }
    double[] w = new double[WEIGHTS.size()];
    boolean ok = true;
    for (int i = 0; i < w.length; i++) {
      Double value = f.has(WEIGHTS.get(i)) ? r.decimal(f, WEIGHTS.get(i), 0, false) : Double.valueOf(0);
      ok &= value != null;
      w[i] = value == null ? 0 : value;
    }
    if (ok && w[0] + w[1] + w[2] + w[3] + w[4] <= 0) {
      r.problems().error(f.node(), f.path(), "all zero (expected: at least one weight > 0)");
      return null;
    }
    return ok ? new ScoreWeights(w[0], w[1], w[2], w[3], w[4]) : null;
  }

  private @Nullable Duration slo(Fields route) {
    Fields f = r.mapping(route, "slo", List.of("ttftP95"));
    return f == null ? null : r.duration(f, "ttftP95", false);
  }

  private @Nullable List<String> regions(Fields route) {
    Fields f = r.mapping(route, "residency", List.of("allowedRegions"));
    return f == null ? null : r.names(f, "allowedRegions", NameKind.REGION);
  }

  private @Nullable List<String> fallback(Fields route) {
    List<String> fallback = r.names(route, "fallback", NameKind.NAME);
    List<Node> nodes = route.get("fallback") == null ? null : r.list(route, "fallback");
    if (fallback == null || nodes == null || fallback.size() != nodes.size()) {
      return fallback;
    }
    for (int i = 0; i < fallback.size(); i++) {
      References.check(r, nodes.get(i), route.path("fallback") + "[" + i + "]", fallback.get(i), tiers, "a tier");
    }
    return fallback;
  }

  private AffinitySettings affinity(Fields route) {
    AffinitySettings d = AffinitySettings.DEFAULT;
    Fields f = r.mapping(route, "affinity", AFFINITY);
    if (f == null) {
      return d;
    }
    Fields prefix = r.mapping(f, "prefix", PREFIX);
    Integer blockChars = prefix == null ? null : r.integer(prefix, "blockChars", 1, 65_536);
    Integer maxBlocks = prefix == null ? null : r.integer(prefix, "maxBlocks", 0, 65_536);
    String session = r.name(f, "sessionHeader", NameKind.HEADER);
    Double epsilon = r.decimal(f, "boundedLoadEpsilon", 0, false);
    return new AffinitySettings(blockChars == null ? d.blockChars() : blockChars,
        maxBlocks == null ? d.maxBlocks() : maxBlocks, session,
        epsilon == null ? d.boundedLoadEpsilon() : epsilon);
  }

  private @Nullable Double budget(Fields route) {
    Fields f = r.mapping(route, "budget", List.of("maxCostPerMillionTokens"));
    return f == null ? null : r.decimal(f, "maxCostPerMillionTokens", 0, false);
  }

  private static Set<String> set(@Nullable List<String> values) {
    return values == null ? Set.of() : new LinkedHashSet<>(values);
  }

  private static <E extends Enum<E>> Map<String, E> enumByWireName(E[] values) {
    Map<String, E> out = new LinkedHashMap<>();
    for (E e : values) {
      out.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e);
    }
    return Map.copyOf(out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
