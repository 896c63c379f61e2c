package io.inferoute.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the simulator reads from an OpenAI request body.
 *
 * @param chat true for {@code /v1/chat/completions}, false for {@code /v1/completions}
 * @param model the requested model
 * @param prompt the prompt text (chat messages joined as {@code role\ncontent\n})
 * @param maxTokens output tokens to produce
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk
 */
record CompletionRequest(
    boolean chat, String model, String prompt, int maxTokens, boolean stream, boolean includeUsage) {

  /**
   * Reads a request body.
   *
   * @throws IllegalArgumentException with an OpenAI-style message for a malformed body
   */
  static CompletionRequest from(boolean chat, JsonNode body, int defaultMaxTokens) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("body: " + body.getNodeType() + " (expected: a JSON object)");
    }
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
      throw new IllegalArgumentException("model: " + model + " (expected: a model name)");
    }
    String prompt = chat ? messages(body.get("messages")) : prompt(body.get("prompt"));
    int maxTokens = maxTokens(body, chat, defaultMaxTokens);
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    return new CompletionRequest(chat, model.textValue(), prompt, maxTokens, stream, includeUsage);
  }

  private static String messages(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages: " + messages + " (expected: a non-empty array)");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode message : messages) {
      text.append(message.path("role").asText("")).append('\n');
      JsonNode content = message.path("content");
      if (content.isArray()) {
        for (JsonNode part : content) {
          text.append(part.path("text").asText(""));
        }
      } else {
        text.append(content.asText(""));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String prompt(JsonNode prompt) {
    if (prompt == null || prompt.isNull()) {
      throw new IllegalArgumentException("prompt: null (expected: a string or an array of strings)");
    }
    if (prompt.isTextual()) {
      return prompt.textValue();
    }
    if (prompt.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : prompt) {
        text.append(part.isTextual() ? part.textValue() : part.toString());
      }
      return text.toString();
    }
    throw new IllegalArgumentException("prompt: " + prompt.getNodeType()
        + " (expected: a string or an array of strings)");
  }

  private static int maxTokens(JsonNode body, boolean chat, int defaultMaxTokens) {
    JsonNode value = chat && body.has("max_completion_tokens")
        ? body.get("max_completion_tokens") : body.get("max_tokens");
    if (value == null || value.isNull()) {
      return defaultMaxTokens;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
      throw new IllegalArgumentException("max_tokens: " + value + " (expected: an integer >= 1)");
    }
    return value.intValue();
  }

  /** Prompt tokens: one per four characters, at least one. */
  int promptTokens() {
    return Math.max(1, (prompt.length() + SimulatedEndpoint.CHARS_PER_TOKEN - 1)
        / SimulatedEndpoint.CHARS_PER_TOKEN);
  }
}
