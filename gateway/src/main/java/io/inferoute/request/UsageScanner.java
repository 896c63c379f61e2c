package io.inferoute.request;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code usage.completion_tokens} from a response as it streams past, byte by byte, keeping
 * no bytes: only how far the key {@code "completion_tokens"} has matched and the number being read
 * after it. The last complete value wins, which is the OpenAI {@code include_usage} chunk just
 * before {@code [DONE]} in an event stream and the {@code usage} object of a JSON body.
 *
 * <p>Both front ends use it: the HTTP gateway on the bytes it relays, the ext_proc server on the
 * response chunks Envoy shows it, so the two feed the scorers the same token counts. It replaced a
 * ring of the response's last bytes in each (4 KiB per HTTP response, 2 KiB per ext_proc stream),
 * which missed a usage followed by more than the ring and was a quarter of the HTTP gateway's
 * allocation per proxied request. Chunk boundaries may fall anywhere, inside the key or the number;
 * the key is matched with its KMP failure table so a partial match is never lost. Not thread-safe:
 * one per response, fed by one thread at a time.
 */
public final class UsageScanner {
  private static final byte[] KEY = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);
  /** KMP failure table: the longest proper prefix of KEY[0..i] that is also its suffix. */
  private static final int[] FAILURE = failureTable(KEY);
  private static final int MAX_DIGITS = 10;

  private static final int SEEK_KEY = 0;
  private static final int BEFORE_COLON = 1;
  private static final int AFTER_COLON = 2;
  private static final int DIGITS = 3;

  private int state = SEEK_KEY;
  /** Bytes of KEY matched so far (SEEK_KEY). */
  private int matched;
  private long value;
  private int digits;
  private int lastValue = -1;

  /** The last complete {@code "completion_tokens": N} seen, or -1 when there was none. */
  public int completionTokens() {
    return lastValue;
  }

  /** Scans the next byte of the response. */
  public void accept(byte b) {
    switch (state) {
      case BEFORE_COLON -> {
        if (b == ':') {
          state = AFTER_COLON;
        } else if (!isSpace(b)) {
          seekKey(b);
        }
      }
      case AFTER_COLON -> {
        if (isDigit(b)) {
          state = DIGITS;
          value = b - '0';
          digits = 1;
        } else if (!isSpace(b)) {
          seekKey(b);
        }
      }
      case DIGITS -> readDigit(b);
      default -> matchKey(b);
    }
  }

  private void readDigit(byte b) {
    if (!isDigit(b)) {
      if (value <= Integer.MAX_VALUE) {
        lastValue = (int) value; // a number counts only once a non-digit shows it is complete
      }
      seekKey(b);
    } else if (++digits > MAX_DIGITS) {
      seekKey(b);
    } else {
      value = value * 10 + (b - '0');
    }
  }

  /** Back to looking for the key, with {@code b} as the first byte looked at. */
  private void seekKey(byte b) {
    state = SEEK_KEY;
    matched = 0;
    matchKey(b);
  }

  private void matchKey(byte b) {
    int m = matched;
    while (m > 0 && KEY[m] != b) {
      m = FAILURE[m - 1];
    }
    if (KEY[m] == b) {
      m++;
    }
    if (m == KEY.length) {
      state = BEFORE_COLON;
      m = 0;
    }
    matched = m;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static int[] failureTable(byte[] key) {
    int[] f = new int[key.length];
    for (int i = 1, k = 0; i < key.length; i++) {
      while (k > 0 && key[i] != key[k]) {
        k = f[k - 1];
      }
      if (key[i] == key[k]) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }
}
