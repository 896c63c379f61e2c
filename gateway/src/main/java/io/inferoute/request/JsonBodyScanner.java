package io.inferoute.request;

import org.jspecify.annotations.Nullable;

/**
 * A single pass over an OpenAI-style JSON body that reads what routing needs and validates the
 * rest, or gives up so that Jackson decides.
 *
 * <p><b>Why.</b> Jackson tokenises every byte, and the prompt strings were read twice (decoded
 * or counted by {@link JsonStringScan}, then skipped by Jackson to validate them); at 4 KB the
 * parse was a third of the ext_proc handler. This scanner reads each byte once: prompt text is
 * decoded into the prefix up to the limit and only validated and counted past it, eight bytes at
 * a time over plain ASCII.
 *
 * <p><b>Never more lenient than Jackson.</b> {@link JsonLexer} reads the grammar and gives up on
 * whatever it does not vouch for; this walk gives up too wherever {@link InferenceBodyParser} would
 * reject the body (a type error in a field it reads), so {@link #scan} returns null and the caller
 * parses with Jackson, which either accepts the body with the same result or produces the error it
 * always did: error messages are Jackson's by construction. A jqwik property holds the two paths
 * equal.
 *
 * <p>Fields are taken in document order with the same rules as the Jackson path (a repeated
 * {@code model} is overwritten, a repeated {@code messages} appends). Giving up is a stackless
 * preallocated exception: a body that reaches it costs one extra parse, never a stack trace.
 */
final class JsonBodyScanner extends JsonLexer {
  private static final byte[] MODEL = ascii("model");
  private static final byte[] STREAM = ascii("stream");
  private static final byte[] MAX_TOKENS = ascii("max_tokens");
  private static final byte[] MAX_COMPLETION_TOKENS = ascii("max_completion_tokens");
  private static final byte[] MESSAGES = ascii("messages");
  private static final byte[] PROMPT = ascii("prompt");
  private static final byte[] INPUT = ascii("input");
  private static final byte[] ROLE = ascii("role");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] TEXT = ascii("text");

  private final int limit;
  private final StringBuilder text;
  private long total;
  private @Nullable String model;
  private boolean stream;
  private int maxTokens = -1;

  private JsonBodyScanner(byte[] b, int from, int end, int limit, StringBuilder text) {
    super(b, from, end);
    this.limit = limit;
    this.text = text;
  }

  /**
   * What {@link InferenceBodyParser} would return for {@code [from, to)} of {@code b}, or null
   * when this scanner does not handle the body (Jackson must decide, possibly rejecting it).
   *
   * @param maxPromptChars characters of prompt text kept in the prefix
   * @param text where the prefix goes (empty)
   */
  static @Nullable InferenceBody scan(byte[] b, int from, int to, int maxPromptChars,
      StringBuilder text) {
    JsonBodyScanner s = new JsonBodyScanner(b, from, to, maxPromptChars, text);
    try {
      s.document();
    } catch (GiveUp e) {
      return null;
    }
    return new InferenceBody(s.model, s.text, s.total, s.stream, s.maxTokens);
  }

  private void document() {
    ws();
    expect('{');
    ws();
    if (!take('}')) {
      do {
        ws();
        topField();
        ws();
      } while (take(','));
      expect('}');
    }
    ws();
    if (i != end) {
      throw GIVE_UP; // trailing content
    }
  }

  private void topField() {
    name();
    ws();
    expect(':');
    ws();
    if (nameIs(MESSAGES)) {
      messages();
    } else if (nameIs(PROMPT) || nameIs(INPUT)) {
      texts();
    } else if (nameIs(MODEL)) {
      model = fullString();
    } else if (nameIs(STREAM)) {
      stream = bool();
    } else if (nameIs(MAX_TOKENS) || nameIs(MAX_COMPLETION_TOKENS)) {
      maxTokens = nonNegativeIntOrNull();
    } else {
      skipValue(1);
    }
  }

  private void messages() {
    expect('[');
    ws();
    if (take(']')) {
      return;
    }
    do {
      ws();
      message();
      ws();
    } while (take(','));
    expect(']');
  }

  private void message() {
    expect('{');
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
      if (nameIs(ROLE)) {
        appendLiteral(fullString());
        appendLiteral("\n");
      } else if (nameIs(CONTENT)) {
        content();
      } else {
        skipValue(3);
      }
      ws();
    } while (take(','));
    expect('}');
  }

  private void content() {
    byte c = peek();
    if (c == '"') {
      appendString();
      appendLiteral("\n");
    } else if (c == '[') {
      i++;
      ws();
      if (take(']')) {
        return;
      }
      do {
        ws();
        part();
        ws();
      } while (take(','));
      expect(']');
    } else {
      literal("null");
    }
  }

  private void part() {
    expect('{');
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
      if (nameIs(TEXT) && peek() == '"') {
        appendString();
        appendLiteral("\n");
      } else {
        skipValue(5);
      }
      ws();
    } while (take(','));
    expect('}');
  }

  private void texts() {
    byte c = peek();
    if (c == '"') {
      appendString();
      return;
    }
    expect('[');
    ws();
    if (take(']')) {
      return;
    }
    do {
      ws();
      if (peek() == '"') {
        appendString();
        appendLiteral("\n");
      } else {
        skipValue(2); // token-id arrays carry no text to match on
      }
      ws();
    } while (take(','));
    expect(']');
  }

  // ---- prompt text ----------------------------------------------------------------------

  /** A whole string value decoded (model, role). */
  private String fullString() {
    expect('"');
    StringBuilder sb = new StringBuilder(16);
    string(sb, Integer.MAX_VALUE);
    return sb.toString();
  }

  /** A prompt string: decoded into the prefix up to the limit, counted in full. */
  private void appendString() {
    expect('"');
    total += string(text, Math.max(0, limit - text.length()));
  }

  private void appendLiteral(String s) {
    total += s.length();
    int room = limit - text.length();
    if (room > 0) {
      text.append(s, 0, Math.min(room, s.length()));
    }
  }
}
