package io.inferoute.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes of a response, kept in a fixed ring so a streamed response is never buffered
 * whole, and the {@code usage.completion_tokens} read from them at the end. Both the last SSE event
 * with usage (OpenAI's {@code include_usage} chunk, just before {@code [DONE]}) and a JSON body
 * (usage last, as OpenAI-compatible servers write it) fit in the tail. Confined to one event loop.
 */
final class UsageTail {
  /** Bytes kept: room for a usage chunk with token details, and the {@code [DONE]} after it. */
  static final int CAPACITY = 4_096;

  private static final byte[] KEY = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);

  private final byte[] ring;
  private long written;

  UsageTail() {
    this(CAPACITY);
  }

  UsageTail(int capacity) {
    this.ring = new byte[capacity];
  }

  /** Keeps the end of {@code chunk}; copies at most the capacity. */
  void append(Buffer chunk) {
    int length = chunk.length();
    int from = Math.max(0, length - ring.length);
    int at = (int) (written % ring.length);
    int first = Math.min(length - from, ring.length - at);
    chunk.getBytes(from, from + first, ring, at);
    chunk.getBytes(from + first, length, ring, 0); // the part that wraps around, if any
    written += length - from;
  }

  /** The bytes kept, oldest first. */
  byte[] bytes() {
    int n = (int) Math.min(written, ring.length);
    byte[] out = new byte[n];
    long start = written - n;
    for (int i = 0; i < n; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    return out;
  }

  /** The last {@code "completion_tokens": N} in the tail, or -1 when there is none. */
  int completionTokens() {
    return completionTokens(bytes());
  }

  static int completionTokens(byte[] tail) {
    for (int at = lastIndexOf(tail, KEY, tail.length - KEY.length); at >= 0;
        at = lastIndexOf(tail, KEY, at - 1)) {
      int value = numberAfter(tail, at + KEY.length);
      if (value >= 0) {
        return value;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, byte[] key, int from) {
    for (int i = Math.min(from, bytes.length - key.length); i >= 0; i--) {
      int j = 0;
      while (j < key.length && bytes[i + j] == key[j]) {
        j++;
      }
      if (j == key.length) {
        return i;
      }
    }
    return -1;
  }

  /** The non-negative integer after optional spaces, a colon and optional spaces, or -1. */
  private static int numberAfter(byte[] b, int i) {
    i = skipSpaces(b, i);
    if (i >= b.length || b[i] != ':') {
      return -1;
    }
    i = skipSpaces(b, i + 1);
    long value = 0;
    int digits = 0;
    while (i < b.length && b[i] >= '0' && b[i] <= '9' && digits < 10) {
      value = value * 10 + (b[i] - '0');
      i++;
      digits++;
    }
    boolean complete = i < b.length && (b[i] < '0' || b[i] > '9');
    return digits > 0 && complete && value <= Integer.MAX_VALUE ? (int) value : -1;
  }

  private static int skipSpaces(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }
}
