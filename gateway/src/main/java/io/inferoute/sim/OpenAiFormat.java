package io.inferoute.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferoute.openai.OpenAiBodies;
import java.util.Collection;

/** Renders OpenAI-format response bodies, stream chunks and errors. */
final class OpenAiFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiFormat() {}

  /** {@code {"error": {"message", "type", "param": null, "code"}}}. */
  static String error(String message, String type, String code) {
    return OpenAiBodies.error(message, type, code);
  }

  /** The {@code /v1/models} list, in the configured order. */
  static String models(Collection<String> models) {
    return OpenAiBodies.modelList(models, "inferoute-sim");
  }

  /** A whole non-streamed completion. */
  static String completion(Generation g, String text) {
    ObjectNode root = header(g, g.request().chat() ? "chat.completion" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (g.request().chat()) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
    } else {
      choice.put("text", text);
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", "length");
    usage(root, g);
    return root.toString();
  }

  /** One streamed chunk carrying {@code text}; the first chat chunk also names the role. */
  static String chunk(Generation g, String text, boolean first) {
    ObjectNode root = header(g, g.request().chat() ? "chat.completion.chunk" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (g.request().chat()) {
      ObjectNode delta = choice.putObject("delta");
      if (first) {
        delta.put("role", "assistant");
      }
      delta.put("content", text);
    } else {
      choice.put("text", text);
      choice.putNull("logprobs");
    }
    choice.putNull("finish_reason");
    nullUsage(root, g);
    return root.toString();
  }

  /** The chunk that ends the choice with {@code finish_reason: length}. */
  static String finishChunk(Generation g) {
    ObjectNode root = header(g, g.request().chat() ? "chat.completion.chunk" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (g.request().chat()) {
      choice.putObject("delta");
    } else {
      choice.put("text", "");
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", "length");
    nullUsage(root, g);
    return root.toString();
  }

  /** The final chunk with no choices and the usage, sent when {@code include_usage} is set. */
  static String usageChunk(Generation g) {
    ObjectNode root = header(g, g.request().chat() ? "chat.completion.chunk" : "text_completion");
    root.putArray("choices");
    usage(root, g);
    return root.toString();
  }

  private static ObjectNode header(Generation g, String object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", g.id());
    root.put("object", object);
    root.put("created", g.createdEpochSeconds());
    root.put("model", g.request().model());
    return root;
  }

  private static void nullUsage(ObjectNode root, Generation g) {
    // OpenAI sends "usage": null on every chunk but the last when include_usage is set.
    if (g.request().includeUsage()) {
      root.putNull("usage");
    }
  }

  private static void usage(ObjectNode root, Generation g) {
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", g.promptTokens());
    usage.put("completion_tokens", g.request().maxTokens());
    usage.put("total_tokens", g.promptTokens() + g.request().maxTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", g.cachedTokens());
  }
}
