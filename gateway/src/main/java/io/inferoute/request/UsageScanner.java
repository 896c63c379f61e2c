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
 *
 * <p>Fed a whole chunk ({@link #accept(byte[], int, int)}), it looks at most bytes eight at a
 * time: fed byte by byte, the scan of a streamed completion's feedback was most of the ext_proc
 * server's CPU (100 events of about 200 bytes cost 3-5x the request's own handling).
 */
public final class UsageScanner {
  private static final byte[] KEY = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);
  /** KMP failure table: the longest proper prefix of KEY[0..i] that is also its suffix. */
  private static final int[] FAILURE = failureTable(KEY);
  private static final int MAX_DIGITS = 10;
  /** Offset of the key's one underscore, the byte bulk scans look for. */
  private static final int ANCHOR = indexOf(KEY, (byte) '_');

  private static final int SEEK_KEY = 0;
  private static final int BEFORE_COLON = 1;
  private static final int AFTER_COLON = 2;
  private static final int DIGITS = 3;

  private int state = SEEK_KEY;
  /**
   * Bytes of KEY matched so far (SEEK_KEY); in BEFORE_COLON, how much of a next key the last one
   * ends with.
   */
  private int matched;
  private long value;
  private int digits;
  private int lastValue = -1;

  /** The last complete {@code "completion_tokens": N} seen, or -1 when there was none. */
  public int completionTokens() {
    return lastValue;
  }

  /**
   * Scans bytes {@code [from, to)} of {@code b}: as {@link #accept(byte)} on each, but while
   * nothing is open it jumps to where the key could start, eight bytes at a time.
   */
  public void accept(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (state == SEEK_KEY && matched == 0) {
        i = nextCandidate(b, i, to);
        if (i == to) {
          return;
        }
      }
      accept(b[i++]);
    }
  }

  /**
   * Where in {@code [i, to)} the key could start, or {@code to}: the key is anchored on its one
   * underscore ({@code ANCHOR} bytes in), which token events seldom hold, where a quote comes every
   * few bytes. Nothing is skipped that could start a key: a key starting at {@code k >= i} has its
   * underscore at {@code k + ANCHOR}, so the first underscore at or after {@code i + ANCHOR} names
   * the first place one can start (one before that belongs to no key starting at or after
   * {@code i}). A key cut by the end of {@code b} is then matched byte by byte, as before.
   */
  private static int nextCandidate(byte[] b, int i, int to) {
    int j = i + ANCHOR;
    while (j + Long.BYTES <= to) {
      long underscores = JsonWords.underscoreBytes(JsonWords.at(b, j));
      if (underscores != 0) {
        return j + (Long.numberOfTrailingZeros(underscores) >>> 3) - ANCHOR;
      }
      j += Long.BYTES;
    }
    while (j < to && b[j] != '_') {
      j++;
    }
    // Near the end no underscore may have arrived yet: the key's start could be among the last
    // ANCHOR bytes, so those are matched byte by byte.
    return j < to ? j - ANCHOR : Math.max(i, to - ANCHOR);
  }

  /** Scans the next byte of the response. */
  public void accept(byte b) {
    switch (state) {
      case BEFORE_COLON -> {
        if (b == ':') {
          state = AFTER_COLON;
        } else if (isSpace(b)) {
          matched = 0; // the key's closing quote can no longer open the next one
        } else {
          state = SEEK_KEY; // matched: how much of a next key the key's own end already is
          matchKey(b);
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
      m = FAILURE[m - 1]; // its closing quote may open another key if no colon follows
    }
    matched = m;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + (char) b + " in the key");
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
