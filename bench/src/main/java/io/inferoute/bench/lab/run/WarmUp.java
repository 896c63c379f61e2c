package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.LabRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small requests that warm a fresh gateway process up before a measured run. */
final class WarmUp {
  private static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private WarmUp() {}

  /**
   * {@code count} streamed chat requests 10 ms apart, short prompts and 2 output tokens, both
   * priorities, from every edge site, without sessions.
   */
  static List<LabRequest> trace(int count) {
    List<String> sites = LabFleet.edgeSites();
    List<LabRequest> trace = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String prompt = "warm-up request " + i + " for a fresh gateway process";
      String body = "{\"model\":\"" + LabFleet.MODEL + "\",\"stream\":true,"
          + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":2,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
      trace.add(new LabRequest(i, i * GAP_NANOS, null, sites.get(i % sites.size()), i % 2 == 0,
          LabFleet.MODEL, "/v1/chat/completions", body, prompt.length(), 2));
    }
    return trace;
  }
}
