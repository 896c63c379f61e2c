package io.inferoute.request;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * JSON read from bytes no more leniently than Jackson reads it, as {@link InferenceBodyParser}
 * configures it (no comments, no trailing commas, no leading zeros, strict escapes), and stricter
 * where that is simpler: field names with escapes or non-ASCII bytes, ill-formed UTF-8 of any kind
 * (Jackson checks only continuation bytes), nesting deeper than {@value #MAX_DEPTH}, numbers
 * longer than {@value #MAX_NUMBER} bytes. Whatever it does not vouch for throws {@link #GIVE_UP},
 * a preallocated stackless exception, so the caller can hand the body to Jackson instead.
 *
 * <p>The grammar and byte-level work only; {@link JsonBodyScanner} walks the document it reads.
 * Strings are validated eight bytes at a time over plain ASCII, and decoded only as far as asked.
 */
abstract class JsonLexer {
  /** Deeper documents go to Jackson (which allows 64): far beyond any chat request. */
  static final int MAX_DEPTH = 32;
  /** Longer numbers go to Jackson, which applies its own length constraint. */
  static final int MAX_NUMBER = 64;
  /** Longer field names go to Jackson, which applies its own length constraint. */
  static final int MAX_NAME = 256;

  /** Thrown (preallocated, stackless) when the lexer cannot vouch for the body. */
  static final class GiveUp extends RuntimeException {
    private GiveUp() {
      super("json body scanner gives up", null, false, false);
    }
  }

  static final GiveUp GIVE_UP = new GiveUp();

  final byte[] b;
  final int end;
  int i;
  private int nameStart;
  private int nameLength;

  JsonLexer(byte[] b, int from, int end) {
    this.b = b;
    this.i = from;
    this.end = end;
  }

  // ---- values ------------------------------------------------------------------------------

  final void skipValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    switch (peek()) {
      case '"' -> {
        i++;
        string(null, 0);
      }
      case '{' -> skipObject(depth);
      case '[' -> skipArray(depth);
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void skipObject(int depth) {
    i++;
    ws();
    if (take('}')) {
      return;
    }
    do {
      ws();
      name();
      ws();
      expect(':');
      ws();
      skipValue(depth + 1);
      ws();
    } while (take(','));
    expect('}');
  }

  private void skipArray(int depth) {
    i++;
    ws();
    if (take(']')) {
      return;
    }
    do {
      ws();
      skipValue(depth + 1);
      ws();
    } while (take(','));
    expect(']');
  }

  /** RFC 8259 number grammar, which is what Jackson accepts by default. */
  private void number() {
    int start = i;
    take('-');
    if (take('0')) {
      if (isDigit(peekOrEnd())) {
        throw GIVE_UP; // leading zero
      }
    } else {
      digits();
    }
    if (take('.')) {
      digits();
    }
    if (take('e') || take('E')) {
      if (!take('+')) {
        take('-');
      }
      digits();
    }
    if (i - start > MAX_NUMBER) {
      throw GIVE_UP;
    }
  }

  private void digits() {
    if (!isDigit(peek())) {
      throw GIVE_UP;
    }
    do {
      i++;
    } while (i < end && isDigit(b[i]));
  }

  final int nonNegativeIntOrNull() {
    if (peek() == 'n') {
      literal("null");
      return -1;
    }
    long value = 0;
    int start = i;
    if (take('0')) {
      if (isDigit(peekOrEnd())) {
        throw GIVE_UP;
      }
    } else {
      if (!isDigit(peek())) {
        throw GIVE_UP; // negative, a string, …: the Jackson path names the error
      }
      while (i < end && isDigit(b[i]) && i - start < 11) {
        value = value * 10 + (b[i++] - '0');
      }
    }
    byte next = peekOrEnd();
    if (value > Integer.MAX_VALUE || isDigit(next) || next == '.' || next == 'e' || next == 'E') {
      throw GIVE_UP;
    }
    return (int) value;
  }

  final boolean bool() {
    if (peek() == 't') {
      literal("true");
      return true;
    }
    literal("false");
    return false;
  }

  final void literal(String word) {
    if (i + word.length() > end) {
      throw GIVE_UP;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        throw GIVE_UP;
      }
    }
    i += word.length();
    byte next = peekOrEnd();
    if (next != ',' && next != '}' && next != ']' && !isSpace(next) && next != 0) {
      throw GIVE_UP; // e.g. "truex": Jackson says what is wrong
    }
  }

  // ---- strings -----------------------------------------------------------------------------

  /**
   * Reads a string whose opening quote is consumed: validates it, appends at most {@code room}
   * UTF-16 units to {@code sink} (when not null) and returns its length in UTF-16 units.
   */
  final long string(@Nullable StringBuilder sink, int room) {
    long units = 0;
    while (true) {
      int run = plainRun();
      if (sink != null && room > 0 && run > 0) {
        int kept = Math.min(room, run);
        sink.append(new String(b, i, kept, StandardCharsets.ISO_8859_1));
        room -= kept;
      }
      i += run;
      units += run;
      int c = b[i] & 0xFF;
      if (c == '"') {
        i++;
        return units;
      }
      int n = c == '\\' ? escape(sink, room) : utf8(sink, room, c);
      units += n;
      room = Math.max(0, room - n);
    }
  }

  /**
   * Bytes from {@code i} that need no attention: ASCII, not a control character, not a quote or
   * a backslash. Eight at a time while it can.
   */
  private int plainRun() {
    int j = i;
    while (j + 8 <= end && JsonWords.plainText(JsonWords.at(b, j))) {
      j += 8;
    }
    while (j < end) {
      byte x = b[j];
      if (x < 0x20 || x == '"' || x == '\\') { // negative: not ASCII
        break;
      }
      j++;
    }
    if (j == end) {
      throw GIVE_UP; // unterminated
    }
    return j - i;
  }

  /** The escape at {@code i}: one UTF-16 unit; anything Jackson would reject gives up. */
  private int escape(@Nullable StringBuilder sink, int room) {
    if (i + 2 >= end || b[i + 1] == 'u' && i + 6 >= end) {
      throw GIVE_UP; // cut short (the closing quote must follow too)
    }
    char e = (char) b[i + 1];
    char decoded;
    int length = 2;
    switch (e) {
      case '"', '\\', '/' -> decoded = e;
      case 'b' -> decoded = '\b';
      case 't' -> decoded = '\t';
      case 'n' -> decoded = '\n';
      case 'f' -> decoded = '\f';
      case 'r' -> decoded = '\r';
      case 'u' -> {
        int v = 0;
        for (int k = i + 2; k < i + 6; k++) {
          int d = Character.digit(b[k], 16);
          if (d < 0 || b[k] < 0) {
            throw GIVE_UP;
          }
          v = v << 4 | d;
        }
        decoded = (char) v;
        length = 6;
      }
      default -> throw GIVE_UP;
    }
    if (sink != null && room > 0) {
      sink.append(decoded);
    }
    i += length;
    return 1;
  }

  /**
   * The byte at {@code i} (value {@code c}) starts a multi-byte sequence, or is a control byte:
   * decodes well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF) and
   * returns its UTF-16 units; anything else gives up.
   */
  private int utf8(@Nullable StringBuilder sink, int room, int c) {
    int cp;
    int n;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else {
      throw GIVE_UP; // control byte, stray continuation, overlong lead or beyond U+10FFFF
    }
    if (i + n >= end) {
      throw GIVE_UP; // cut short (the closing quote must follow too)
    }
    for (int k = 1; k < n; k++) {
      int x = b[i + k] & 0xFF;
      if ((x & 0xC0) != 0x80) {
        throw GIVE_UP;
      }
      cp = cp << 6 | x & 0x3F;
    }
    if (n == 3 && (cp < 0x800 || cp >= 0xD800 && cp <= 0xDFFF)
        || n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) {
      throw GIVE_UP;
    }
    i += n;
    if (n < 4) {
      if (sink != null && room > 0) {
        sink.append((char) cp);
      }
      return 1;
    }
    if (sink != null && room > 0) {
      sink.append(Character.highSurrogate(cp));
      if (room > 1) {
        sink.append(Character.lowSurrogate(cp));
      }
    }
    return 2;
  }

  /** A field name: plain ASCII only (escapes or non-ASCII names go to Jackson). */
  final void name() {
    expect('"');
    int start = i;
    while (true) {
      if (i >= end) {
        throw GIVE_UP;
      }
      byte x = b[i];
      if (x == '"') {
        break;
      }
      if (x < 0x20 || x == '\\' || i - start >= MAX_NAME) {
        throw GIVE_UP;
      }
      i++;
    }
    nameStart = start;
    nameLength = i - start;
    i++;
  }

  final boolean nameIs(byte[] expected) {
    if (nameLength != expected.length) {
      return false;
    }
    for (int k = 0; k < nameLength; k++) {
      if (b[nameStart + k] != expected[k]) {
        return false;
      }
    }
    return true;
  }

  // ---- bytes -------------------------------------------------------------------------------

  final void ws() {
    while (i < end && isSpace(b[i])) {
      i++;
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  final byte peek() {
    if (i >= end) {
      throw GIVE_UP;
    }
    return b[i];
  }

  /** The next byte, or 0 at the end of the body. */
  final byte peekOrEnd() {
    return i < end ? b[i] : 0;
  }

  final boolean take(char c) {
    if (i < end && b[i] == c) {
      i++;
      return true;
    }
    return false;
  }

  final void expect(char c) {
    if (!take(c)) {
      throw GIVE_UP;
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
