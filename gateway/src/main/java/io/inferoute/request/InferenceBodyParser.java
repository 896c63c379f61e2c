package io.inferoute.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * Streams through an OpenAI-style JSON body once and keeps only what routing reads.
 *
 * <p>Chat ({@code messages}: string content or an array of {@code {type: text, text}} parts),
 * completions ({@code prompt}: string or array of strings) and embeddings ({@code input}) are
 * understood. Everything else is skipped without being materialised; the prompt is kept only up to
 * {@code maxPromptChars} (the affinity limit) while its full length is counted. Thread-safe.
 */
public final class InferenceBodyParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();

  private static final int MAX_STRING = JSON.streamReadConstraints().getMaxStringLength();

  private final int maxPromptChars;

  public InferenceBodyParser(int maxPromptChars) {
    if (maxPromptChars < 0) {
      throw new IllegalArgumentException(
          "maxPromptChars: " + maxPromptChars + " (expected: >= 0)");
    }
    this.maxPromptChars = maxPromptChars;
  }

  /**
   * Parses {@code length} bytes of {@code body} from {@code offset}: in one pass by {@link
   * JsonBodyScanner} when it handles the body (the common chat and completion shapes), else with
   * Jackson, which also words every error.
   */
  public InferenceBody parse(byte[] body, int offset, int length) throws MalformedBodyException {
    return parse(body, offset, length, new StringBuilder(Prompt.capacity(maxPromptChars, length)));
  }

  /**
   * As {@link #parse(byte[], int, int)}, with the prompt prefix written into {@code promptInto}
   * (emptied first) on the one-pass path: the result's {@link InferenceBody#promptPrefix()} is then
   * that builder, valid only until the caller reuses it. For a caller that routes on the body and
   * drops it before parsing the next, this spares a prompt-sized allocation per request.
   */
  public InferenceBody parse(byte[] body, int offset, int length, StringBuilder promptInto)
      throws MalformedBodyException {
    promptInto.setLength(0);
    InferenceBody fast = JsonBodyScanner.scan(body, offset, offset + length, maxPromptChars,
        promptInto);
    return fast != null ? fast : parseWithJackson(body, offset, length);
  }

  /** The Jackson path alone: the reference the scanner is held to, and its fallback. */
  InferenceBody parseWithJackson(byte[] body, int offset, int length)
      throws MalformedBodyException {
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      return parse(p, new Prompt(maxPromptChars, body, offset, offset + length));
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Parses a whole stream (it is not closed). */
  public InferenceBody parse(InputStream body) throws MalformedBodyException {
    try (JsonParser p = JSON.createParser(body)) {
      return parse(p, new Prompt(maxPromptChars, null, 0, 0));
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  private static MalformedBodyException malformed(IOException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = msg.indexOf('\n');
    return new MalformedBodyException(
        "request body is not valid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg));
  }

  private static InferenceBody parse(JsonParser p, Prompt prompt)
      throws IOException, MalformedBodyException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedBodyException("request body: expected a JSON object");
    }
    Fields f = new Fields(prompt);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "model" -> f.model = string(p, value, "model");
        case "stream" -> f.stream = bool(p, value, "stream");
        case "max_tokens", "max_completion_tokens" -> f.maxTokens = integer(p, value, name);
        case "messages" -> messages(p, value, f.prompt);
        case "prompt", "input" -> texts(p, value, f.prompt, name);
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw new MalformedBodyException("request body: trailing content after the JSON object");
    }
    return new InferenceBody(f.model, f.prompt.text, f.prompt.total, f.stream, f.maxTokens);
  }

  private static void messages(JsonParser p, JsonToken t, Prompt prompt)
      throws IOException, MalformedBodyException {
    if (t != JsonToken.START_ARRAY) {
      throw new MalformedBodyException("messages: expected an array of messages");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new MalformedBodyException("messages[]: expected an object with role and content");
      }
      String role = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("role")) {
          role = string(p, value, "messages[].role");
          prompt.append(role);
          prompt.append("\n");
        } else if (name.equals("content")) {
          content(p, value, prompt);
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static void content(JsonParser p, JsonToken t, Prompt prompt)
      throws IOException, MalformedBodyException {
    if (t == JsonToken.VALUE_STRING) {
      prompt.append(p);
      prompt.append("\n");
    } else if (t == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new MalformedBodyException("messages[].content[]: expected an object part");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("text") && value == JsonToken.VALUE_STRING) {
            prompt.append(p);
            prompt.append("\n");
          } else {
            p.skipChildren();
          }
        }
      }
    } else if (t != JsonToken.VALUE_NULL) {
      throw new MalformedBodyException("messages[].content: expected a string or an array of parts");
    }
  }

  private static void texts(JsonParser p, JsonToken t, Prompt prompt, String field)
      throws IOException, MalformedBodyException {
    if (t == JsonToken.VALUE_STRING) {
      prompt.append(p);
    } else if (t == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          prompt.append(p);
          prompt.append("\n");
        } else {
          p.skipChildren(); // token-id arrays carry no text to match on
        }
      }
    } else {
      throw new MalformedBodyException(field + ": expected a string or an array");
    }
  }

  private static String string(JsonParser p, JsonToken t, String field) throws IOException, MalformedBodyException {
    if (t != JsonToken.VALUE_STRING) {
      throw new MalformedBodyException(field + ": expected a string");
    }
    return p.getText();
  }

  private static boolean bool(JsonParser p, JsonToken t, String field) throws MalformedBodyException {
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw new MalformedBodyException(field + ": expected true or false");
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static int integer(JsonParser p, JsonToken t, String field) throws IOException, MalformedBodyException {
    if (t == JsonToken.VALUE_NULL) {
      return -1;
    }
    if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
      throw new MalformedBodyException(field + ": expected a non-negative integer");
    }
    return p.getIntValue();
  }

  private static final class Fields {
    @Nullable String model;
    boolean stream;
    int maxTokens = -1;
    final Prompt prompt;

    Fields(Prompt prompt) {
      this.prompt = prompt;
    }
  }

  /**
   * The prompt prefix, bounded, and the total prompt length.
   *
   * <p>Over a byte array, a prompt string is read by {@link JsonStringScan} from the raw bytes:
   * decoded up to the prefix limit, only counted past it; Jackson then skips it (validating it
   * without decoding). Over a stream the bytes are out of reach, so Jackson decodes the string
   * and hands its segments to {@link #write(char[], int, int)} as they are, where
   * {@code getTextCharacters()} would first join a long string's segments into one more array.
   */
  private static final class Prompt extends Writer {
    final StringBuilder text;
    final int limit;
    final byte @Nullable [] source;
    final int base;
    final int end;
    long total;

    Prompt(int limit, byte @Nullable [] source, int base, int end) {
      this.limit = limit;
      // Sized for the prompt this body can hold, not for the limit: a short chat request must not
      // allocate an 8 KB builder (it was a fifth of the HTTP gateway's allocation per request).
      this.text = new StringBuilder(capacity(limit, end - base));
      this.source = source;
      this.base = base;
      this.end = end;
    }

    static int capacity(int limit, int bodyLength) {
      return Math.min(limit, Math.max(16, Math.min(4_096, bodyLength)));
    }

    void append(String s) {
      total += s.length();
      int room = limit - text.length();
      if (room > 0) {
        text.append(s, 0, Math.min(room, s.length()));
      }
    }

    /** Appends the parser's current string value (its token not yet read by the parser). */
    void append(JsonParser p) throws IOException, MalformedBodyException {
      byte[] bytes = source;
      if (bytes == null) {
        p.getText(this);
        return;
      }
      int from = base + (int) p.currentLocation().getByteOffset(); // just past the quote
      long length = JsonStringScan.scan(bytes, from, end, text, Math.max(0, limit - text.length()));
      if (length > MAX_STRING) { // Jackson checks this only when it decodes
        throw new MalformedBodyException("request body is not valid JSON: String value length ("
            + length + ") exceeds the maximum allowed (" + MAX_STRING + ")");
      }
      total += Math.max(0, length); // unterminated (-1): Jackson's skip reports it next
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      total += length;
      int room = limit - text.length();
      if (room > 0) {
        text.append(chars, offset, Math.min(room, length));
      }
    }

    @Override
    public void write(String s, int offset, int length) {
      write(s.substring(offset, offset + length));
    }

    @Override
    public void write(String s) {
      append(s);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
