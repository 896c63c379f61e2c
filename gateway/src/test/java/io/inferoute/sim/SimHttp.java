package io.inferoute.sim;

import io.inferoute.testing.TestHttp;
import java.time.Duration;

/** A real HTTP client against a simulated server, and the chat bodies the simulator tests send. */
final class SimHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SimHttp() {}

  /** A client for {@code server}'s base address. */
  static TestHttp to(SimulatedServer server) {
    return new TestHttp(server.baseUri(), TIMEOUT);
  }

  static String chat(String prompt, int maxTokens, boolean stream) {
    return "{\"model\":\"m1\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":" + TestHttp.JSON.valueToTree(prompt) + "}]}";
  }
}
