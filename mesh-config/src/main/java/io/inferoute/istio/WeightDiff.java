package io.inferoute.istio;

import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.istio.LocalityLbSetting.Failover;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Line-by-line differences between two locality settings, for logs and dry runs. */
final class WeightDiff {

  private WeightDiff() {}

  /** One line per weight or failover that differs, e.g. {@code eu/a/* -> eu/b/*: 30 -> 45}. */
  static List<String> lines(@Nullable LocalityLbSetting before, LocalityLbSetting after) {
    Map<String, String> old = flatten(before);
    Map<String, String> now = flatten(after);
    List<String> out = new ArrayList<>();
    TreeMap<String, Boolean> keys = new TreeMap<>();
    old.keySet().forEach(k -> keys.put(k, true));
    now.keySet().forEach(k -> keys.put(k, true));
    for (String key : keys.keySet()) {
      String a = old.getOrDefault(key, "-");
      String b = now.getOrDefault(key, "-");
      if (!a.equals(b)) {
        out.add(key + ": " + a + " -> " + b);
      }
    }
    return out;
  }

  private static Map<String, String> flatten(@Nullable LocalityLbSetting setting) {
    Map<String, String> out = new TreeMap<>();
    if (setting == null) {
      return out;
    }
    for (Distribute d : setting.distribute()) {
      d.to().forEach((to, weight) -> out.put(d.from() + " -> " + to, Integer.toString(weight)));
    }
    for (Failover f : setting.failover()) {
      out.put("failover " + f.from(), f.to());
    }
    return out;
  }
}
