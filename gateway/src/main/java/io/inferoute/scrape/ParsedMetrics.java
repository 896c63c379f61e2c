package io.inferoute.scrape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one exposition held: the samples in order, and the {@code # TYPE} and {@code # HELP}
 * of each metric family; immutable.
 */
public final class ParsedMetrics {
  private final List<Sample> samples;
  private final Map<String, MetricType> types;
  private final Map<String, String> help;
  private final Map<String, List<Sample>> byName;

  ParsedMetrics(List<Sample> samples, Map<String, MetricType> types, Map<String, String> help) {
    this.samples = List.copyOf(samples);
    this.types = Map.copyOf(types);
    this.help = Map.copyOf(help);
    Map<String, List<Sample>> index = new HashMap<>();
    for (Sample sample : this.samples) {
      index.computeIfAbsent(sample.name(), n -> new ArrayList<>()).add(sample);
    }
    index.replaceAll((name, list) -> Collections.unmodifiableList(list));
    this.byName = index;
  }

  /** All samples in the order they were written. */
  public List<Sample> samples() {
    return samples;
  }

  /** The samples named exactly {@code name} (for a histogram: {@code x_bucket}, {@code x_sum}, …). */
  public List<Sample> samples(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The type declared for metric family {@code family}, or null when no TYPE line named it. */
  public @Nullable MetricType type(String family) {
    return types.get(family);
  }

  /** The unescaped HELP text of {@code family}, or null when no HELP line named it. */
  public @Nullable String help(String family) {
    return help.get(family);
  }
}
