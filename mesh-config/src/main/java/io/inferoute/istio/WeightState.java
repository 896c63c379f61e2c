package io.inferoute.istio;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What was last published per service, and when: the memory that hysteresis, the step limit and the
 * minimum interval need. Immutable; {@link #with} returns a new state.
 */
public final class WeightState {

  private static final WeightState EMPTY = new WeightState(Map.of());

  private final Map<String, Published> published;

  private WeightState(Map<String, Published> published) {
    this.published = published;
  }

  /** Nothing published yet. */
  public static WeightState empty() {
    return EMPTY;
  }

  /** The last setting published for the service, if any. */
  public Optional<Published> published(String service) {
    return Optional.ofNullable(published.get(service));
  }

  /** All services' last published settings, by service name. */
  public Map<String, Published> all() {
    return published;
  }

  /** This state with {@code setting} recorded as published for {@code service} at {@code at}. */
  public WeightState with(String service, LocalityLbSetting setting, Instant at) {
    Map<String, Published> copy = new TreeMap<>(published);
    copy.put(service, new Published(setting, at));
    return new WeightState(Map.copyOf(copy));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightState other && published.equals(other.published);
  }

  @Override
  public int hashCode() {
    return published.hashCode();
  }

  @Override
  public String toString() {
    return "WeightState" + new TreeMap<>(published);
  }

  /**
   * A setting and the instant it was published.
   *
   * @param setting what was written
   * @param at when
   */
  public record Published(LocalityLbSetting setting, Instant at) {}
}
