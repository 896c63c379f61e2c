package io.inferoute.request;

import org.jspecify.annotations.Nullable;

/**
 * What routing needs from a request body.
 *
 * @param model the {@code model} field, or null when absent
 * @param promptPrefix the prompt text up to the parser's limit: message contents in order (each
 *     preceded by its role and a newline) for chat, the {@code prompt} for completions, the
 *     {@code input} for embeddings
 * @param promptChars all prompt characters, including those past the prefix limit
 * @param stream the {@code stream} flag
 * @param maxTokens {@code max_completion_tokens} or {@code max_tokens}, or -1 when absent
 */
public record InferenceBody(
    @Nullable String model, CharSequence promptPrefix, long promptChars, boolean stream,
    int maxTokens) {}
