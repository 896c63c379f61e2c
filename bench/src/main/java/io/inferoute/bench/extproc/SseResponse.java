package io.inferoute.bench.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.inferoute.extproc.EnvoyMessages;

/**
 * What Envoy sends back through the processor for a streamed chat completion when the response
 * body mode is STREAMED: the response headers, then one message per server-sent event as the
 * model server flushes it (one token each), the last carrying the usage event and {@code [DONE]}
 * with end of stream. The feedback path reads them: TTFT at the first chunk, completion time and
 * output tokens at the end.
 */
final class SseResponse {
  private SseResponse() {}

  /** The headers message followed by {@code chunks} body messages (at least one). */
  static ProcessingRequest[] messages(int chunks) {
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks: " + chunks + " (expected: >= 1)");
    }
    ProcessingRequest[] out = new ProcessingRequest[1 + chunks];
    out[0] = EnvoyMessages.responseHeaders(200, false, "content-type", "text/event-stream");
    for (int i = 1; i < chunks; i++) {
      out[i] = EnvoyMessages.responseBody(token(i), false);
    }
    out[chunks] = EnvoyMessages.responseBody("data: {\"id\":\"chatcmpl-bench\",\"object\":"
        + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + RequestSet.MODEL
        + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":" + chunks
        + ",\"total_tokens\":" + (1000 + chunks) + "}}\n\ndata: [DONE]\n\n", true);
    return out;
  }

  private static String token(int i) {
    return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":"
        + "1700000000,\"model\":\"" + RequestSet.MODEL + "\",\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":\" word" + i + "\"},\"finish_reason\":null}]}\n\n";
  }
}
