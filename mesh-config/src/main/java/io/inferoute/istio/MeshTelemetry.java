package io.inferoute.istio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One snapshot of per-locality telemetry for every destination service, taken at one instant.
 *
 * @param at when the snapshot was taken; the calculator's notion of "now"
 * @param localities one row per (service, locality)
 */
public record MeshTelemetry(Instant at, List<LocalityTelemetry> localities) {
  public MeshTelemetry {
    localities = List.copyOf(localities);
  }

  /** The rows grouped by service, services in name order (so every output is deterministic). */
  public Map<String, List<LocalityTelemetry>> byService() {
    Map<String, List<LocalityTelemetry>> out = new TreeMap<>();
    for (LocalityTelemetry row : localities) {
      out.computeIfAbsent(row.service(), s -> new ArrayList<>()).add(row);
    }
    return out;
  }
}
