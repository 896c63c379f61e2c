package io.inferoute.request;

import java.nio.charset.StandardCharsets;

/**
 * Reads one JSON string value straight from its UTF-8 bytes: decodes it only up to a number of
 * characters and counts the rest, as Jackson would decode it (UTF-16 units: a 4-byte sequence
 * counts two, an escape one).
 *
 * <p>Why: Jackson decodes a whole string before handing out any of it, which for a 220 KB prompt
 * is most of the parse, while routing keeps only the affinity prefix. Past the prefix the count
 * runs eight bytes at a time over plain ASCII.
 *
 * <p>It does not validate: the caller lets Jackson skip the same string afterwards, which rejects
 * what is not valid JSON, and discards this result then. For a valid string the result equals
 * Jackson's. It never reads outside {@code [from, end)}.
 */
final class JsonStringScan {
  private JsonStringScan() {}

  /**
   * Appends at most {@code room} characters of the string that starts at {@code from} (just past
   * its opening quote) to {@code sink} and returns the length of the whole string in characters,
   * or -1 when no closing quote comes before {@code end}.
   */
  static long scan(byte[] b, int from, int end, StringBuilder sink, int room) {
    int i = from;
    long chars = 0;
    while (room > 0 && i < end) {
      int run = asciiRun(b, i, Math.min(end, i + room));
      if (run > 0) {
        // Plain ASCII: one Latin-1 copy, no per-character append.
        sink.append(new String(b, i, run, StandardCharsets.ISO_8859_1));
        i += run;
        chars += run;
        room -= run;
        continue;
      }
      int c = b[i] & 0xFF;
      if (c == '"') {
        return chars;
      }
      int used = c == '\\' ? escape(b, i, end, sink) : utf8(b, i, end, sink, room);
      if (used < 0) {
        return -1;
      }
      int units = c >= 0xF0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
      chars += units;
      room -= Math.min(units, room);
      i += used;
    }
    long rest = count(b, i, end);
    return rest < 0 ? -1 : chars + rest;
  }

  /** Bytes from {@code i} before {@code limit} that are ASCII and neither a quote nor a backslash. */
  private static int asciiRun(byte[] b, int i, int limit) {
    int j = i;
    while (j < limit) {
      byte x = b[j];
      if (x < 0x20 || x == '"' || x == '\\') { // negative: not ASCII; control: Jackson rejects
        break;
      }
      j++;
    }
    return j - i;
  }

  /** Decodes the escape at {@code i}; returns the bytes it takes, or -1 when cut short. */
  private static int escape(byte[] b, int i, int end, StringBuilder sink) {
    if (i + 1 >= end) {
      return -1;
    }
    char e = (char) b[i + 1];
    if (e != 'u') {
      sink.append(switch (e) {
        case 'b' -> '\b';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'f' -> '\f';
        case 'r' -> '\r';
        default -> e; // '"', '\\', '/'; anything else Jackson rejects
      });
      return 2;
    }
    if (i + 6 > end) {
      return -1;
    }
    int v = 0;
    for (int k = i + 2; k < i + 6; k++) {
      v = v << 4 | Character.digit(b[k], 16) & 0xF;
    }
    sink.append((char) v);
    return 6;
  }

  /** Decodes the multi-byte sequence at {@code i}; returns the bytes it takes, or -1. */
  private static int utf8(byte[] b, int i, int end, StringBuilder sink, int room) {
    int c = b[i] & 0xFF;
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > end) {
      return -1;
    }
    int cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; k++) {
      cp = cp << 6 | b[i + k] & 0x3F;
    }
    if (n == 4) {
      cp -= 0x10000;
      sink.append((char) (0xD800 | cp >> 10 & 0x3FF));
      if (room > 1) {
        sink.append((char) (0xDC00 | cp & 0x3FF));
      }
    } else {
      sink.append((char) cp);
    }
    return n;
  }

  /** Counts the characters from {@code i} to the closing quote; -1 when there is none. */
  private static long count(byte[] b, int i, int end) {
    long chars = 0;
    while (true) {
      while (i + 8 <= end && JsonWords.plainAscii(JsonWords.at(b, i))) {
        i += 8;
        chars += 8;
      }
      if (i >= end) {
        return -1;
      }
      int c = b[i] & 0xFF;
      if (c == '"') {
        return chars;
      }
      if (c == '\\') {
        i += i + 1 < end && b[i + 1] == 'u' ? 6 : 2;
        chars++;
      } else if (c < 0x80) {
        i++;
        chars++;
      } else {
        i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        chars += c >= 0xF0 ? 2 : 1;
      }
    }
  }
}
