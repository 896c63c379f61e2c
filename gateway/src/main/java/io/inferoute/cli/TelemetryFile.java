package io.inferoute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.Completion;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.telemetry.LatencyMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A telemetry snapshot for {@code explain}, applied to a fresh engine:
 * <pre>{"endpoints": {"edge-a-1": {"inFlight": 6, "queueDepth": 2, "running": 8,
 *   "kvCacheUsage": 0.9, "e2eMs": 1200, "failures": 5, "cachedPrefix": true}}}</pre>
 * {@code failures} feeds that many consecutive gateway failures to the breaker; {@code cachedPrefix}
 * records the request's prompt prefix as held by that endpoint.
 */
final class TelemetryFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("inFlight", "queueDepth", "running", "kvCacheUsage", "e2eMs", "failures", "cachedPrefix");

  private TelemetryFile() {}

  static void apply(Path file, RoutingEngine engine, RoutingRequest request) throws InvalidInputException {
    JsonNode endpoints;
    try {
      endpoints = JSON.readTree(Files.readAllBytes(file)).path("endpoints");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a readable JSON file: " + RequestFile.firstLine(e));
    }
    if (!endpoints.isObject()) {
      throw new InvalidInputException(file + ": endpoints: missing (expected an object keyed by endpoint name)");
    }
    Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      Endpoint e = engine.fleet().byName(entry.getKey());
      if (e == null) {
        throw new InvalidInputException(file + ": endpoints." + entry.getKey()
            + ": no such endpoint in the policy (expected one of " + names(engine) + ")");
      }
      apply(file, engine, request, e, entry.getValue());
    }
    engine.harvestNow();
  }

  private static void apply(Path file, RoutingEngine engine, RoutingRequest request, Endpoint e,
      JsonNode state) throws InvalidInputException {
    Iterator<String> names = state.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInputException(file + ": endpoints." + e.name() + "." + name
            + ": unknown field (expected one of " + FIELDS + ")");
      }
    }
    for (int i = 0; i < state.path("failures").asInt(0); i++) {
      engine.dispatched(e);
      engine.completed(e, new Completion(Outcome.GATEWAY_FAILURE, -1, 1_000_000, -1));
    }
    long e2e = (long) (state.path("e2eMs").asDouble(0) * 1_000_000);
    for (int i = 0; e2e > 0 && i < 10; i++) {
      e.telemetry().record(LatencyMetric.END_TO_END, e2e);
    }
    for (int i = 0; i < state.path("inFlight").asInt(0); i++) {
      e.telemetry().acquire();
    }
    if (state.has("queueDepth") || state.has("running") || state.has("kvCacheUsage")) {
      e.telemetry().reportLoad(state.path("queueDepth").asInt(-1), state.path("running").asInt(-1),
          state.path("kvCacheUsage").asDouble(-1));
    }
    if (state.path("cachedPrefix").asBoolean(false)) {
      engine.decide(request.withSubset(Set.of(e.address())));
    }
  }

  private static String names(RoutingEngine engine) {
    return engine.fleet().endpoints().stream().map(Endpoint::name).toList().toString();
  }
}
