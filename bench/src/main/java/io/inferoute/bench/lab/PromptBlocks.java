package io.inferoute.bench.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferoute.affinity.PrefixHasher;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A request's prompt as the simulated servers see it: the text they count and cache (chat messages
 * joined as {@code role\ncontent\n}, as {@code io.inferoute.sim.CompletionRequest} does), its token
 * count (one per four characters, rounded up, at least one) and the chained hashes of its complete
 * 64-character blocks (16 tokens each) under the model's seed, as {@code
 * io.inferoute.sim.ServingEngine} computes them.
 *
 * @param promptTokens the prompt's tokens
 * @param blockHashes the chained block hashes, oldest first
 */
record PromptBlocks(int promptTokens, long[] blockHashes) {
  /** Characters per KV-cache block in the simulators. */
  static final int BLOCK_CHARS = 64;
  /** Characters per token in the simulators. */
  static final int CHARS_PER_TOKEN = 4;
  /** Tokens per KV-cache block. */
  static final int TOKENS_PER_BLOCK = BLOCK_CHARS / CHARS_PER_TOKEN;
  // As ServingEngine: longer prompts are modelled as an uncached tail.
  private static final int MAX_BLOCKS = 8_192;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The blocks of {@code request}'s prompt. */
  static PromptBlocks of(LabRequest request) {
    String prompt = promptText(request.body());
    int blocks = Math.min(MAX_BLOCKS, prompt.length() / BLOCK_CHARS);
    long[] hashes = new long[blocks];
    int n = PrefixHasher.hashBlocks(prompt, PrefixHasher.modelSeed(request.model()), BLOCK_CHARS,
        blocks, hashes);
    int tokens = Math.max(1, (prompt.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    return new PromptBlocks(tokens, n == blocks ? hashes : java.util.Arrays.copyOf(hashes, n));
  }

  /** Tokens served from cache when the first {@code hitBlocks} blocks are cached. */
  int cachedTokens(int hitBlocks) {
    return Math.min(promptTokens, hitBlocks * TOKENS_PER_BLOCK);
  }

  /** The prompt text of a chat body, joined as the simulators join it. */
  static String promptText(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode message : json.path("messages")) {
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
}
