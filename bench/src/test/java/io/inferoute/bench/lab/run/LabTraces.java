package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.FleetNode;
import io.inferoute.bench.lab.LabRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small fleets and traces for the runner's tests. */
final class LabTraces {
  private LabTraces() {}

  /** Three fast nodes (one per tier) so a request takes a few tens of milliseconds. */
  static List<FleetNode> smallFleet() {
    return List.of(
        new FleetNode("edge-paris-1", "edge-gpu", "eu-west/paris", 200_000, 1_000, 4_096, 16, 32, 0.1, 0.4),
        new FleetNode("npu-eu-west-1", "regional-npu", "eu-west/eu-west-dc", 100_000, 800, 8_192, 16, 32, 0.04, 0.16),
        new FleetNode("cloud-1", "cloud", "us-east/us-east-a", 400_000, 1_500, 16_384, 32, 64, 0.6, 2.4));
  }

  /**
   * {@code count} streamed chat requests every {@code gapMillis}, in {@code sessions}
   * conversations whose prompts repeat a long per-session prefix (so caches hit from the second
   * turn of each).
   */
  static List<LabRequest> trace(int count, int gapMillis, int sessions) {
    List<LabRequest> trace = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int session = i % sessions;
      String prompt = ("session " + session + " shares this long system prompt. ").repeat(40)
          + "turn " + i;
      String body = "{\"model\":\"" + LabFleet.MODEL + "\",\"stream\":true,"
          + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":8,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
      trace.add(new LabRequest(i, TimeUnit.MILLISECONDS.toNanos((long) i * gapMillis), "s-" + session,
          LabFleet.edgeSites().get(0), i % 3 != 2, LabFleet.MODEL, "/v1/chat/completions", body,
          prompt.length(), 8));
    }
    return trace;
  }
}
