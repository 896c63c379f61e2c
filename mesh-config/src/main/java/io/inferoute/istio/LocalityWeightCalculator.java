package io.inferoute.istio;

import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.istio.LocalityLbSetting.Failover;
import io.inferoute.istio.WeightSettings.Mode;
import io.inferoute.istio.WeightState.Published;
import io.inferoute.istio.WeightUpdate.Hold;
import io.inferoute.policy.Locality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns per-locality telemetry into DestinationRule {@code localityLbSetting}s, deterministically.
 *
 * <p>For each destination service and each ingress-gateway locality ({@code from}), every locality
 * with a healthy endpoint ({@code to}) gets a score: {@link LocalityScore} (headroom-weighted
 * capacity × SLO attainment × (1 − error rate) × cost factor) times the client's preference for its
 * proximity ({@link WeightSettings#preference}). Scores become integer weights by
 * {@link LargestRemainder}: each 1..100, each entry summing to exactly 100. Localities without a
 * healthy endpoint are left out (an unlisted locality receives no traffic); at most 100 are listed,
 * the best-scored ones, since each needs a point.
 *
 * <p>{@link #update} adds stability against a {@link WeightState}: a change is held while the last
 * publish is younger than the minimum interval or while no weight moves by the hysteresis threshold;
 * otherwise every weight moves toward its target by the same fraction, chosen so that none moves by
 * more than the step limit. A change of shape (a locality gained or lost, a gateway added) is
 * published at once, whole: sending traffic to a locality that has lost its last healthy endpoint
 * is worse than churn. In failover mode a new failover target waits for the minimum interval.
 */
public final class LocalityWeightCalculator {

  private static final int TOTAL = 100;

  private final WeightSettings settings;

  /** A calculator with the given settings. */
  public LocalityWeightCalculator(WeightSettings settings) {
    this.settings = settings;
  }

  /** The settings in use. */
  public WeightSettings settings() {
    return settings;
  }

  /** The ideal setting per service, without stability rules; services in name order. */
  public Map<String, LocalityLbSetting> targets(MeshTelemetry telemetry, Collection<Locality> gateways) {
    Map<String, LocalityLbSetting> out = new TreeMap<>();
    telemetry.byService().forEach((service, rows) -> out.put(service, target(rows, gateways)));
    return out;
  }

  /** The ideal setting for one service's rows; {@link LocalityLbSetting#DEFAULT} when nothing is healthy. */
  public LocalityLbSetting target(List<LocalityTelemetry> rows, Collection<Locality> gateways) {
    List<LocalityTelemetry> healthy = rows.stream().filter(LocalityTelemetry::healthy).toList();
    if (healthy.isEmpty()) {
      return LocalityLbSetting.DEFAULT;
    }
    return settings.mode() == Mode.FAILOVER
        ? new LocalityLbSetting(List.of(), failover(healthy, gateways))
        : new LocalityLbSetting(distribute(healthy, gateways), List.of());
  }

  /** The target per service, filtered through hysteresis, step limit and minimum interval. */
  public WeightUpdate update(WeightState state, MeshTelemetry telemetry, Collection<Locality> gateways) {
    Map<String, LocalityLbSetting> changes = new TreeMap<>();
    Map<String, Hold> held = new TreeMap<>();
    targets(telemetry, gateways).forEach((service, target) -> {
      Optional<Published> last = state.published(service);
      if (last.isEmpty()) {
        changes.put(service, target);
        return;
      }
      decide(last.get(), target, telemetry, service, changes, held);
    });
    return new WeightUpdate(state, telemetry.at(), changes, held);
  }

  private void decide(Published last, LocalityLbSetting target, MeshTelemetry telemetry, String service,
      Map<String, LocalityLbSetting> changes, Map<String, Hold> held) {
    LocalityLbSetting previous = last.setting();
    boolean failover = !previous.failover().isEmpty() && !target.failover().isEmpty();
    if (previous.equals(target)) {
      held.put(service, Hold.UNCHANGED);
    } else if (!failover && !sameShape(previous, target)) {
      changes.put(service, target);
    } else if (Duration.between(last.at(), telemetry.at()).compareTo(settings.minInterval()) < 0) {
      held.put(service, Hold.MIN_INTERVAL);
    } else if (failover) {
      changes.put(service, target);
    } else if (maxMove(previous, target) < settings.hysteresisPoints()) {
      held.put(service, Hold.HYSTERESIS);
    } else {
      changes.put(service, step(previous, target));
    }
  }

  private List<Distribute> distribute(List<LocalityTelemetry> healthy, Collection<Locality> gateways) {
    Map<Locality, String> patterns = LocalityPatterns.destinations(
        healthy.stream().map(LocalityTelemetry::locality).toList());
    double maxCost = healthy.stream().mapToDouble(LocalityTelemetry::costPerMillionTokens).max().orElse(0);
    List<Distribute> entries = new ArrayList<>();
    for (Map.Entry<String, Locality> from : fromPatterns(gateways).entrySet()) {
      Map<String, Double> scores = new TreeMap<>();
      for (LocalityTelemetry t : healthy) {
        double preference = settings.preference(from.getValue().proximity(t.locality()));
        double score = preference * LocalityScore.of(t, maxCost, settings.costSensitivity());
        scores.merge(patterns.get(t.locality()), score, Double::sum);
      }
      entries.add(new Distribute(from.getKey(), weights(scores)));
    }
    return entries;
  }

  /** Distinct gateway patterns, zone-level first (Istio applies the first matching entry), then by name. */
  private static Map<String, Locality> fromPatterns(Collection<Locality> gateways) {
    Map<String, Locality> byPattern = new TreeMap<>(
        Comparator.comparingInt(LocalityPatterns::specificity).reversed().thenComparing(p -> p));
    for (Locality g : gateways) {
      if (!g.equals(Locality.UNKNOWN)) {
        byPattern.putIfAbsent(LocalityPatterns.from(g), g);
      }
    }
    return byPattern;
  }

  /** Scores → weights 1..100 summing to 100, keeping the best {@value #TOTAL} localities. */
  private static Map<String, Integer> weights(Map<String, Double> scores) {
    List<String> keys = new ArrayList<>(scores.keySet());
    if (keys.size() > TOTAL) {
      keys.sort(Comparator.comparingDouble((String k) -> -scores.get(k)).thenComparing(k -> k));
      keys = new ArrayList<>(new TreeSet<>(keys.subList(0, TOTAL)));
    }
    double[] raw = keys.stream().mapToDouble(scores::get).toArray();
    int[] points = LargestRemainder.apportion(raw, TOTAL);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), points[i]);
    }
    return out;
  }

  /** Each gateway region fails over to the best-scored other healthy region. */
  private List<Failover> failover(List<LocalityTelemetry> healthy, Collection<Locality> gateways) {
    double maxCost = healthy.stream().mapToDouble(LocalityTelemetry::costPerMillionTokens).max().orElse(0);
    Map<String, Double> regionScores = new TreeMap<>();
    for (LocalityTelemetry t : healthy) {
      regionScores.merge(t.locality().region(), LocalityScore.of(t, maxCost, settings.costSensitivity()),
          Double::sum);
    }
    TreeSet<String> fromRegions = new TreeSet<>();
    for (Locality g : gateways) {
      if (!g.equals(Locality.UNKNOWN)) {
        fromRegions.add(g.region());
      }
    }
    List<Failover> out = new ArrayList<>();
    for (String from : fromRegions) {
      regionScores.entrySet().stream()
          .filter(e -> !e.getKey().equals(from))
          .max(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue())
              .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
          .ifPresent(best -> out.add(new Failover(from, best.getKey())));
    }
    return out;
  }

  /** Same gateways in the same order, each with the same destination localities; no failover. */
  static boolean sameShape(LocalityLbSetting a, LocalityLbSetting b) {
    if (!a.failover().isEmpty() || !b.failover().isEmpty()
        || a.distribute().size() != b.distribute().size()) {
      return false;
    }
    for (int i = 0; i < a.distribute().size(); i++) {
      Distribute da = a.distribute().get(i);
      Distribute db = b.distribute().get(i);
      if (!da.from().equals(db.from()) || !da.to().keySet().equals(db.to().keySet())) {
        return false;
      }
    }
    return true;
  }

  /** The largest single weight move between two settings of the same shape. */
  static int maxMove(LocalityLbSetting a, LocalityLbSetting b) {
    int max = 0;
    for (int i = 0; i < a.distribute().size(); i++) {
      Map<String, Integer> to = b.distribute().get(i).to();
      for (Map.Entry<String, Integer> w : a.distribute().get(i).to().entrySet()) {
        max = Math.max(max, Math.abs(to.get(w.getKey()) - w.getValue()));
      }
    }
    return max;
  }

  /** Moves every weight toward the target by one common fraction, so no move exceeds the step limit. */
  private LocalityLbSetting step(LocalityLbSetting previous, LocalityLbSetting target) {
    List<Distribute> entries = new ArrayList<>();
    for (int i = 0; i < previous.distribute().size(); i++) {
      entries.add(step(previous.distribute().get(i), target.distribute().get(i)));
    }
    return new LocalityLbSetting(entries, List.of());
  }

  private Distribute step(Distribute previous, Distribute target) {
    List<String> keys = new ArrayList<>(target.to().keySet());
    int maxDelta = 0;
    for (String k : keys) {
      maxDelta = Math.max(maxDelta, Math.abs(target.to().get(k) - previous.to().get(k)));
    }
    double fraction = maxDelta == 0 ? 1 : Math.min(1, settings.maxStepPoints() / (double) maxDelta);
    // Between two sums of 100 with every weight >= 1, so the reals sum to 100 and stay >= 1;
    // floor or ceiling of a value within maxStep of an integer stays within maxStep of it.
    double[] reals = new double[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      int from = previous.to().get(keys.get(i));
      reals[i] = from + fraction * (target.to().get(keys.get(i)) - from);
    }
    int[] rounded = LargestRemainder.round(reals, TOTAL);
    Map<String, Integer> to = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      to.put(keys.get(i), rounded[i]);
    }
    return new Distribute(target.from(), to);
  }
}
