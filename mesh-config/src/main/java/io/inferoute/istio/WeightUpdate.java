package io.inferoute.istio;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of one calculation: what to publish now, and why the rest is held back.
 *
 * @param previous the state the calculation started from
 * @param at the telemetry instant (the calculation's "now")
 * @param changes service → the setting to publish now
 * @param held service → why nothing is published for it now
 */
public record WeightUpdate(
    WeightState previous, Instant at, Map<String, LocalityLbSetting> changes, Map<String, Hold> held) {

  public WeightUpdate {
    changes = Map.copyOf(changes);
    held = Map.copyOf(held);
  }

  /** The state after every change is published (the dry-run and file modes, where nothing fails). */
  public WeightState next() {
    WeightState state = previous;
    for (Map.Entry<String, LocalityLbSetting> change : changes.entrySet()) {
      state = state.with(change.getKey(), change.getValue(), at);
    }
    return state;
  }

  /** Why a service's new weights are not published. */
  public enum Hold {
    /** The target equals what is published. */
    UNCHANGED,
    /** No weight would move by the hysteresis threshold or more. */
    HYSTERESIS,
    /** The last publish is more recent than the minimum interval. */
    MIN_INTERVAL
  }
}
