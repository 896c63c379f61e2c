package io.inferoute.bench.lab.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferoute.bench.lab.LabRequest;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the lab's OpenAI chat requests: streaming, with usage on the last chunk, serialised by
 * Jackson so no text is ever spliced into JSON by hand.
 */
public final class ChatBody {
  /** The model every lab request asks for (the lab fleet serves it). */
  public static final String MODEL = "llama-3.1-8b";

  /** The API path of every lab request. */
  public static final String PATH = "/v1/chat/completions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatBody() {}

  /** The JSON body for {@code messages}, asking for {@code maxTokens} streamed output tokens. */
  public static String json(String model, List<ChatMessage> messages, int maxTokens) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode array = body.putArray("messages");
    for (ChatMessage message : messages) {
      array.addObject().put("role", message.role()).put("content", message.content());
    }
    body.put("max_tokens", maxTokens);
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Characters of prompt text the simulated servers see for {@code messages}: each message as
   * {@code role\ncontent\n}, as {@code io.inferoute.sim.CompletionRequest} joins them.
   */
  public static int promptChars(List<ChatMessage> messages) {
    int chars = 0;
    for (ChatMessage message : messages) {
      chars += message.promptChars();
    }
    return chars;
  }

  /** A request of the trace (its index is assigned when the trace is sorted). */
  public static LabRequest request(long arrivalNanos, @Nullable String session, String origin,
      boolean interactive, List<ChatMessage> messages, int maxTokens) {
    return new LabRequest(0, arrivalNanos, session, origin, interactive, MODEL, PATH,
        json(MODEL, messages, maxTokens), promptChars(messages), maxTokens);
  }
}
