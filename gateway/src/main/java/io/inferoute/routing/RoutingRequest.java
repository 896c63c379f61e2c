package io.inferoute.routing;

import io.inferoute.policy.Locality;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to know of one inference request.
 *
 * @param model the requested model
 * @param path the request path, e.g. {@code /v1/chat/completions}
 * @param headers request headers (already stripped of anything clients must not set)
 * @param prompt the prompt text, or its prefix up to the affinity limit; not copied
 * @param promptTokens estimated prompt tokens; {@link #estimateTokens(int)} when unknown
 * @param maxOutputTokens requested output tokens (the cost and service-time estimate)
 * @param origin where the request comes from (its edge site)
 * @param subset addresses ({@code ip:port}) the proxy allows, or null for no restriction
 */
public record RoutingRequest(
    String model,
    String path,
    Headers headers,
    CharSequence prompt,
    int promptTokens,
    int maxOutputTokens,
    Locality origin,
    @Nullable Set<String> subset) {

  /** Output tokens assumed when a request does not say. */
  public static final int DEFAULT_MAX_OUTPUT_TOKENS = 256;

  public RoutingRequest {
    if (promptTokens < 0 || maxOutputTokens < 0) {
      throw new IllegalArgumentException("promptTokens: " + promptTokens + ", maxOutputTokens: "
          + maxOutputTokens + " (expected: >= 0)");
    }
  }

  /** A chat request for {@code model} with {@code prompt} from {@code origin}, other fields defaulted. */
  public static RoutingRequest of(String model, CharSequence prompt, Locality origin) {
    return new RoutingRequest(model, "/v1/chat/completions", Headers.NONE, prompt,
        estimateTokens(prompt.length()), DEFAULT_MAX_OUTPUT_TOKENS, origin, null);
  }

  /** About four characters a token, the usual rule of thumb for English text and BPE tokenizers. */
  public static int estimateTokens(int chars) {
    return (chars + 3) / 4;
  }

  public RoutingRequest withHeaders(Headers headers) {
    return new RoutingRequest(model, path, headers, prompt, promptTokens, maxOutputTokens, origin, subset);
  }

  public RoutingRequest withSubset(@Nullable Set<String> subset) {
    return new RoutingRequest(model, path, headers, prompt, promptTokens, maxOutputTokens, origin, subset);
  }

  public RoutingRequest withMaxOutputTokens(int maxOutputTokens) {
    return new RoutingRequest(model, path, headers, prompt, promptTokens, maxOutputTokens, origin, subset);
  }

  public RoutingRequest withPath(String path) {
    return new RoutingRequest(model, path, headers, prompt, promptTokens, maxOutputTokens, origin, subset);
  }
}
