package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes of a response body, enough to read {@code usage.completion_tokens}.
 *
 * <p>OpenAI-style servers put {@code usage} at the end: in the last JSON object of a plain
 * response, and in the last {@code data:} event before {@code [DONE]} of a stream (with
 * {@code stream_options.include_usage}). Only a fixed tail is kept, so a long generation costs
 * the same as a short one; the last {@code "completion_tokens"} in it wins.
 */
final class UsageTail {
  static final int CAPACITY = 2_048;
  private static final byte[] KEY = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);

  private final byte[] ring = new byte[CAPACITY];
  private long written;

  /** Appends a chunk, keeping only the last {@link #CAPACITY} bytes. */
  void add(ByteString chunk) {
    int n = chunk.size();
    int skip = Math.max(0, n - CAPACITY);
    for (int i = skip; i < n; ) {
      int at = (int) (written % CAPACITY);
      int len = Math.min(CAPACITY - at, n - i);
      chunk.copyTo(ring, i, at, len);
      written += len;
      i += len;
    }
  }

  /** The last {@code completion_tokens} value in the tail, or -1 when there is none. */
  int completionTokens() {
    byte[] tail = linear();
    for (int at = lastIndexOf(tail, tail.length - KEY.length); at >= 0;
        at = lastIndexOf(tail, at - 1)) {
      int value = numberAfterColon(tail, at + KEY.length);
      if (value >= 0) {
        return value;
      }
    }
    return -1;
  }

  private byte[] linear() {
    int len = (int) Math.min(written, CAPACITY);
    byte[] out = new byte[len];
    int start = (int) ((written - len) % CAPACITY);
    int first = Math.min(len, CAPACITY - start);
    System.arraycopy(ring, start, out, 0, first);
    System.arraycopy(ring, 0, out, first, len - first);
    return out;
  }

  private static int lastIndexOf(byte[] tail, int from) {
    for (int i = Math.min(from, tail.length - KEY.length); i >= 0; i--) {
      int j = 0;
      while (j < KEY.length && tail[i + j] == KEY[j]) {
        j++;
      }
      if (j == KEY.length) {
        return i;
      }
    }
    return -1;
  }

  private static int numberAfterColon(byte[] tail, int i) {
    while (i < tail.length && (tail[i] == ' ' || tail[i] == '\t')) {
      i++;
    }
    if (i >= tail.length || tail[i] != ':') {
      return -1;
    }
    i++;
    while (i < tail.length && (tail[i] == ' ' || tail[i] == '\t')) {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < tail.length && tail[i] >= '0' && tail[i] <= '9' && digits < 10) {
      value = value * 10 + (tail[i++] - '0');
      digits++;
    }
    // A number cut off by the end of the tail could be truncated: not trusted.
    boolean terminated = i < tail.length && (tail[i] < '0' || tail[i] > '9');
    return digits > 0 && terminated && value <= Integer.MAX_VALUE ? (int) value : -1;
  }
}
