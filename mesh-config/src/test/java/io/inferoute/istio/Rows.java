package io.inferoute.istio;

import io.inferoute.policy.Locality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Telemetry rows for tests: an idle, healthy, SLO-meeting, free locality unless told otherwise. */
final class Rows {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Rows() {}

  static LocalityTelemetry idle(String service, String locality, int capacity) {
    return new LocalityTelemetry(service, Locality.parse(locality), 1, capacity, 0, 0, -1, null, 0, 0);
  }

  static LocalityTelemetry loaded(String service, String locality, int capacity, int inFlight) {
    return new LocalityTelemetry(service, Locality.parse(locality), 1, capacity, inFlight, 0, -1, null, 0, 0);
  }

  static LocalityTelemetry unhealthy(String service, String locality) {
    return new LocalityTelemetry(service, Locality.parse(locality), 0, 0, 0, 0, -1, null, 0, 0);
  }

  static LocalityTelemetry slow(String service, String locality, int capacity, Duration p95, Duration slo) {
    return new LocalityTelemetry(service, Locality.parse(locality), 1, capacity, 0, 0, p95.toNanos(), slo, 0, 0);
  }

  static LocalityTelemetry failing(String service, String locality, int capacity, double errorRate) {
    return new LocalityTelemetry(service, Locality.parse(locality), 1, capacity, 0, 0, -1, null, errorRate, 0);
  }

  static MeshTelemetry at(Instant at, LocalityTelemetry... rows) {
    return new MeshTelemetry(at, List.of(rows));
  }

  static MeshTelemetry now(LocalityTelemetry... rows) {
    return at(T0, rows);
  }

  static List<Locality> gateways(String... localities) {
    return java.util.Arrays.stream(localities).map(Locality::parse).toList();
  }
}
