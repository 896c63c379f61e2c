package io.inferoute.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class JsonStringScanTest {
  private static final JsonFactory JSON = new JsonFactory();

  /** Jackson's reading of a JSON string literal, the reference the scan must match. */
  private static String jackson(byte[] literal) throws Exception {
    try (JsonParser p = JSON.createParser(literal)) {
      p.nextToken();
      return p.getText();
    }
  }

  private static byte[] literal(String text, boolean escapeAll) {
    String body = escapeAll ? new String(JsonStringEncoder.getInstance().quoteAsString(text))
        : text.replace("\\", "\\\\").replace("\"", "\\\"");
    return ("\"" + body + "\"").getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 500)
  void decodesThePrefixAndCountsTheWholeStringAsJacksonDoes(
      @ForAll @StringLength(max = 300) String text, @ForAll @IntRange(max = 320) int room,
      @ForAll boolean escapeAll) throws Exception {
    if (!escapeAll && text.chars().anyMatch(c -> c < 0x20)) {
      escapeAll = true; // raw control characters are not valid JSON
    }
    byte[] bytes = literal(text, escapeAll);
    String expected = jackson(bytes);
    StringBuilder prefix = new StringBuilder();
    long length = JsonStringScan.scan(bytes, 1, bytes.length, prefix, room);
    assertThat(length).isEqualTo(expected.length());
    assertThat(prefix.toString()).isEqualTo(expected.substring(0, Math.min(room, expected.length())));
  }

  @Test
  void countsSurrogatePairsAsTwoAndCutsBetweenThem() throws Exception {
    byte[] bytes = literal("a\uD83D\uDE00b", false); // a, U+1F600 as 4 UTF-8 bytes, b
    StringBuilder prefix = new StringBuilder();
    assertThat(JsonStringScan.scan(bytes, 1, bytes.length, prefix, 2)).isEqualTo(4);
    assertThat(prefix.toString()).isEqualTo("a\uD83D");
  }

  @Test
  void countsLongAsciiRunsPastThePrefixWordByWord() throws Exception {
    String text = "x".repeat(1_000) + "\\n\u00e9" + "y".repeat(37);
    byte[] bytes = ("\"" + text + "\",\"next\"").getBytes(StandardCharsets.UTF_8);
    StringBuilder prefix = new StringBuilder();
    assertThat(JsonStringScan.scan(bytes, 1, bytes.length, prefix, 10)).isEqualTo(1_039);
    assertThat(prefix.toString()).isEqualTo("x".repeat(10));
  }

  @Test
  void reportsAStringWithoutClosingQuote() {
    byte[] bytes = "\"abcdefghijklmnopq\\u00".getBytes(StandardCharsets.US_ASCII);
    assertThat(JsonStringScan.scan(bytes, 1, bytes.length, new StringBuilder(), 5)).isEqualTo(-1);
    assertThat(JsonStringScan.scan(bytes, 1, bytes.length, new StringBuilder(), 0)).isEqualTo(-1);
  }
}
