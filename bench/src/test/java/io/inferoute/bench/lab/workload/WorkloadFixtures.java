package io.inferoute.bench.lab.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.bench.lab.LabRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shapes and body readers the workload tests share. */
final class WorkloadFixtures {
  static final List<String> SITES = List.of("eu-west/paris", "eu-west/lyon", "eu-central/berlin");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkloadFixtures() {}

  static TraceShape shape(double rate, int seconds, long seed) {
    return new TraceShape(rate, Duration.ofSeconds(seconds), ArrivalProcess.poisson(), SITES, seed);
  }

  static JsonNode body(LabRequest request) {
    try {
      return JSON.readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request's messages as (role, content) pairs. */
  static List<ChatMessage> messages(LabRequest request) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : body(request).path("messages")) {
      out.add(new ChatMessage(m.path("role").asText(), m.path("content").asText()));
    }
    return out;
  }
}
