package io.inferoute.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The single-pass scanner against the Jackson path it stands in for: on generated OpenAI-style
 * bodies (well formed, ill typed, and mutated byte by byte) the parser's answer, fields or error
 * message, is the Jackson path's; whatever the scanner accepts Jackson accepts with the same
 * fields; and the common shapes are handled by the scanner, not by the fallback.
 */
class JsonBodyScannerProperties {

  /** What a parse produced: the fields, or the error message. */
  private record Outcome(String model, String prefix, long total, boolean stream, int maxTokens,
      String error) {
    static Outcome of(InferenceBody b) {
      return new Outcome(String.valueOf(b.model()), b.promptPrefix().toString(), b.promptChars(),
          b.stream(), b.maxTokens(), "");
    }

    static Outcome failed(MalformedBodyException e) {
      return new Outcome("", "", 0, false, 0, e.getMessage());
    }
  }

  private interface Parse {
    InferenceBody run() throws MalformedBodyException;
  }

  private static Outcome outcome(Parse parse) {
    try {
      return Outcome.of(parse.run());
    } catch (MalformedBodyException e) {
      return Outcome.failed(e);
    }
  }

  @Property(tries = 1_500)
  void wellTypedBodiesTakeTheFastPathWithJacksonsFields(@ForAll long seed,
      @ForAll @IntRange(max = 400) int limit) {
    byte[] body = new ChatBodies(new Random(seed), false).body().getBytes(StandardCharsets.UTF_8);
    InferenceBodyParser parser = new InferenceBodyParser(limit);

    InferenceBody fast = JsonBodyScanner.scan(body, 0, body.length, limit, new StringBuilder());

    assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isNotNull();
    assertThat(Outcome.of(fast))
        .isEqualTo(outcome(() -> parser.parseWithJackson(body, 0, body.length)));
  }

  @Property(tries = 3_000)
  void anyBodyGetsTheJacksonPathsFieldsOrError(@ForAll long seed,
      @ForAll @IntRange(max = 400) int limit, @ForAll @IntRange(max = 4) int mutations) {
    Random random = new Random(seed);
    byte[] body = mutate(new ChatBodies(random, true).body().getBytes(StandardCharsets.UTF_8),
        random, mutations);
    InferenceBodyParser parser = new InferenceBodyParser(limit);
    Outcome jackson = outcome(() -> parser.parseWithJackson(body, 0, body.length));

    assertThat(outcome(() -> parser.parse(body, 0, body.length))).isEqualTo(jackson);
    InferenceBody fast = JsonBodyScanner.scan(body, 0, body.length, limit, new StringBuilder());
    if (fast != null) {
      assertThat(Outcome.of(fast)).as("accepted by the scanner").isEqualTo(jackson);
    }
  }

  @Test
  void readsOnlyTheGivenSliceOfTheArray() {
    byte[] body = "xx{\"model\":\"m\",\"stream\":true}{}".getBytes(StandardCharsets.US_ASCII);
    InferenceBody b = JsonBodyScanner.scan(body, 2, body.length - 2, 10, new StringBuilder());

    assertThat(b).isNotNull();
    assertThat(b.model()).isEqualTo("m");
    assertThat(b.stream()).isTrue();
  }

  @Test
  void leavesEscapedFieldNamesAndNonShortestUtf8ToJackson() throws MalformedBodyException {
    byte[] escaped = "{\"mod\\u0065l\":\"m\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] overlong = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC0,
        (byte) 0xAF, '"', '}'};

    assertThat(JsonBodyScanner.scan(escaped, 0, escaped.length, 10, new StringBuilder())).isNull();
    assertThat(new InferenceBodyParser(10).parse(escaped, 0, escaped.length).model())
        .isEqualTo("m");
    assertThat(JsonBodyScanner.scan(overlong, 0, overlong.length, 10, new StringBuilder()))
        .isNull();
  }

  @Test
  void rejectsWhatJacksonRejectsWithItsMessage() {
    InferenceBodyParser parser = new InferenceBodyParser(100);
    for (String bad : List.of("{\"model\":\"m\",}", "{\"max_tokens\":01}", "{\"stream\":tru}",
        "{\"messages\":[{\"content\":\"a\\x\"}]}", "{\"a\":1} x", "{\"model\":\"m\"",
        "{\"prompt\":\"tab\there\"}", "{\"messages\":{}}", "{\"max_tokens\":-1}")) {
      byte[] body = bad.getBytes(StandardCharsets.UTF_8);
      Outcome jackson = outcome(() -> parser.parseWithJackson(body, 0, body.length));
      assertThat(jackson.error()).as(bad).isNotEmpty();
      assertThat(outcome(() -> parser.parse(body, 0, body.length))).as(bad).isEqualTo(jackson);
    }
  }

  private static byte[] mutate(byte[] body, Random random, int mutations) {
    List<Byte> bytes = new ArrayList<>(body.length + mutations);
    for (byte x : body) {
      bytes.add(x);
    }
    byte[] noise = "{}[]\",:\\ 0-.eE\u0001tnfu\n".getBytes(StandardCharsets.US_ASCII);
    for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
      int at = random.nextInt(bytes.size());
      byte x = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : noise[random.nextInt(noise.length)];
      switch (random.nextInt(4)) {
        case 0 -> bytes.set(at, x);
        case 1 -> bytes.add(at, x);
        case 2 -> bytes.remove(at);
        default -> bytes.subList(at, bytes.size()).clear();
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = bytes.get(k);
    }
    return out;
  }

  /** Random chat / completion / embedding bodies as clients send them, and ill-typed ones. */
  private static final class ChatBodies {
    private final Random r;
    private final boolean illTyped;

    ChatBodies(Random r, boolean illTyped) {
      this.r = r;
      this.illTyped = illTyped;
    }

    String body() {
      List<String> fields = new ArrayList<>();
      fields.add(field("model", illTyped && r.nextInt(8) == 0 ? "42" : str()));
      if (r.nextBoolean()) {
        fields.add(field("stream", illTyped && r.nextInt(6) == 0 ? "\"yes\""
            : r.nextBoolean() ? "true" : "false"));
      }
      if (r.nextBoolean()) {
        fields.add(field(r.nextBoolean() ? "max_tokens" : "max_completion_tokens", maxTokens()));
      }
      switch (r.nextInt(4)) {
        case 0 -> fields.add(field("prompt", texts()));
        case 1 -> fields.add(field("input", texts()));
        default -> fields.add(field("messages", messages()));
      }
      if (r.nextBoolean()) {
        fields.add(field("temperature", number()));
      }
      if (r.nextInt(3) == 0) {
        fields.add(field("tools", "[{\"type\":\"function\",\"function\":{\"name\":" + str()
            + ",\"parameters\":{\"a\":[true,false,null,{}," + number() + "]}}}]"));
      }
      if (r.nextInt(4) == 0) {
        fields.add(field("stop", "[" + str() + "]"));
      }
      if (r.nextInt(6) == 0) {
        fields.add(field("model", str())); // repeated: the last wins on both paths
      }
      Collections.shuffle(fields, r);
      return ws() + "{" + String.join(",", fields) + "}" + ws();
    }

    private String field(String name, String value) {
      return ws() + "\"" + name + "\"" + ws() + ":" + ws() + value + ws();
    }

    private String ws() {
      return switch (r.nextInt(6)) {
        case 0 -> " ";
        case 1 -> "\n\t ";
        case 2 -> "\r\n";
        default -> "";
      };
    }

    private String maxTokens() {
      if (illTyped && r.nextInt(4) == 0) {
        return List.of("-1", "1.5", "99999999999", "\"7\"", "2e3", "-0").get(r.nextInt(6));
      }
      return switch (r.nextInt(4)) {
        case 0 -> "null";
        case 1 -> "0";
        case 2 -> Integer.toString(Integer.MAX_VALUE);
        default -> Integer.toString(r.nextInt(100_000));
      };
    }

    private String number() {
      return List.of("0", "0.7", "-1e-3", "12E+2", "1", "-0.0", "123456789012345678901234567890")
          .get(r.nextInt(7));
    }

    private String texts() {
      if (r.nextBoolean()) {
        return str();
      }
      List<String> items = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        items.add(r.nextInt(4) == 0 ? "[1,2,3]" : r.nextInt(5) == 0 ? "7" : str());
      }
      return "[" + String.join(",", items) + "]";
    }

    private String messages() {
      List<String> items = new ArrayList<>();
      for (int k = r.nextInt(5); k > 0; k--) {
        List<String> fields = new ArrayList<>();
        if (r.nextInt(8) != 0) {
          fields.add(field("role", str()));
        }
        if (r.nextInt(8) != 0) {
          fields.add(field("content", content()));
        }
        if (r.nextInt(4) == 0) {
          fields.add(field("name", str()));
        }
        if (r.nextInt(5) == 0) {
          fields.add(field("tool_calls", "[{\"id\":" + str() + ",\"function\":{\"arguments\":"
              + str() + "}}]"));
        }
        Collections.shuffle(fields, r);
        items.add(ws() + "{" + String.join(",", fields) + "}" + ws());
      }
      return "[" + String.join(",", items) + "]";
    }

    private String content() {
      int kind = r.nextInt(illTyped ? 6 : 5);
      if (kind == 5) {
        return "true";
      }
      if (kind == 4) {
        return "null";
      }
      if (kind < 2) {
        return str();
      }
      List<String> parts = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        parts.add(switch (r.nextInt(4)) {
          case 0 -> "{\"type\":\"image_url\",\"image_url\":{\"url\":" + str() + "}}";
          case 1 -> "{\"text\":5,\"type\":\"text\"}";
          default -> "{\"type\":\"text\",\"text\":" + str() + "}";
        });
      }
      return "[" + String.join(",", parts) + "]";
    }

    /** A JSON string literal: ASCII, any Unicode, escapes of every kind. */
    private String str() {
      StringBuilder text = new StringBuilder();
      int length = r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(20);
      for (int k = 0; k < length; k++) {
        switch (r.nextInt(10)) {
          case 0 -> text.appendCodePoint(0x80 + r.nextInt(0x780));
          case 1 -> text.appendCodePoint(0x800 + r.nextInt(0xD000));
          case 2 -> text.appendCodePoint(0x10000 + r.nextInt(0x100000 - 0x10000));
          case 3 -> text.append((char) r.nextInt(0x20));
          case 4 -> text.append(r.nextBoolean() ? '"' : '\\');
          default -> text.append((char) (' ' + r.nextInt(95)));
        }
      }
      return quote(text);
    }

    private String quote(CharSequence text) {
      StringBuilder out = new StringBuilder("\"");
      boolean escapeAll = r.nextInt(5) == 0;
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20 || escapeAll && c > 0x7E || r.nextInt(50) == 0) {
          out.append(c == '\n' && r.nextBoolean() ? "\\n" : String.format("\\u%04x", (int) c));
        } else if (c == '/' && r.nextBoolean()) {
          out.append("\\/");
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }
  }
}
