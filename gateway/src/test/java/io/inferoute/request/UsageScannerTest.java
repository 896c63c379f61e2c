package io.inferoute.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UsageScannerTest {
  private static final String USAGE_EVENT = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
      + "\"completion_tokens\":42,\"total_tokens\":49}}\n\ndata: [DONE]\n\n";
  /** What the scanner must find: the last complete key, colon and number that fits an int. */
  private static final Pattern REFERENCE =
      Pattern.compile("\"completion_tokens\"[ \\t\\r\\n]*:[ \\t\\r\\n]*([0-9]{1,10})(?=[^0-9])");

  /** Feeds {@code length} bytes from {@code offset}, as the front ends feed their chunks. */
  static void feed(UsageScanner scanner, byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      scanner.accept(bytes[i]);
    }
  }

  static UsageScanner fed(String... chunks) {
    UsageScanner scanner = new UsageScanner();
    for (String c : chunks) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      feed(scanner, b, 0, b.length);
    }
    return scanner;
  }

  @Test
  void readsCompletionTokensFromTheLastSseUsageEvent() {
    String tokens = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\n\n".repeat(500);

    assertThat(fed(tokens, USAGE_EVENT).completionTokens()).isEqualTo(42);
  }

  @Test
  void readsCompletionTokensFromAJsonBodyWithSpaces() {
    assertThat(fed("{\"usage\": {\"completion_tokens\" :  17 }}").completionTokens()).isEqualTo(17);
  }

  @Test
  void saysUnknownWithoutUsageOrWithACutNumber() {
    assertThat(fed("data: {\"choices\":[]}\n\n").completionTokens()).isEqualTo(-1);
    assertThat(fed("{\"usage\":{\"completion_tokens\":12").completionTokens()).isEqualTo(-1);
  }

  @Test
  void findsUsageFarBeforeTheEndOfALongResponse() {
    // The ring it replaced kept 4 KiB: usage followed by more than that was lost.
    assertThat(fed(USAGE_EVENT, ": padding\n".repeat(1_000)).completionTokens()).isEqualTo(42);
  }

  @Test
  void findsTheKeyAcrossChunkBoundariesAndAfterAFalseStart() {
    assertThat(fed("{\"usage\":{\"completion\"completion_to", "kens\"", ":", "3", "1}}").completionTokens())
        .isEqualTo(31);
  }

  @Test
  void ignoresNumbersTooLargeForAnInt() {
    assertThat(fed("{\"completion_tokens\":5,\"completion_tokens\":99999999999}").completionTokens())
        .isEqualTo(5);
    assertThat(fed("{\"completion_tokens\":4294967296}").completionTokens()).isEqualTo(-1);
  }

  @Test
  void scanningAStreamAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    byte[] last = USAGE_EVENT.getBytes(StandardCharsets.UTF_8);
    for (int warm = 0; warm < 200; warm++) {
      scanAll(chunk, last);
    }
    long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    int tokens = scanAll(chunk, last);
    long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

    assertThat(tokens).isEqualTo(42);
    assertThat(allocated).as("bytes allocated scanning 1,000 chunks").isLessThan(128);
  }

  private static int scanAll(byte[] chunk, byte[] last) {
    UsageScanner scanner = new UsageScanner();
    for (int i = 0; i < 1_000; i++) {
      feed(scanner, chunk, 0, chunk.length);
    }
    feed(scanner, last, 0, last.length);
    return scanner.completionTokens();
  }

  @Property(tries = 500)
  void findsWhatASearchOfTheWholeResponseFindsWhateverTheChunking(
      @ForAll("responses") String response, @ForAll @IntRange(min = 1, max = 17) int chunkSize) {
    UsageScanner scanner = new UsageScanner();
    byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
    for (int at = 0; at < bytes.length; at += chunkSize) {
      feed(scanner, bytes, at, Math.min(chunkSize, bytes.length - at));
    }

    assertThat(scanner.completionTokens()).isEqualTo(reference(response));
  }

  /** Around each chunk fed in bulk: a key and number that must never be read. */
  private static final byte[] BAIT = "\"completion_tokens\":999 ___".getBytes(StandardCharsets.US_ASCII);

  /** Feeds {@code length} bytes from {@code offset} in one bulk call, from inside a larger array. */
  static void feedBulk(UsageScanner scanner, byte[] bytes, int offset, int length) {
    byte[] framed = new byte[BAIT.length + length + BAIT.length];
    System.arraycopy(BAIT, 0, framed, 0, BAIT.length);
    System.arraycopy(bytes, offset, framed, BAIT.length, length);
    System.arraycopy(BAIT, 0, framed, BAIT.length + length, BAIT.length);
    scanner.accept(framed, BAIT.length, BAIT.length + length);
  }

  @Property(tries = 1_000)
  void inBulkFindsWhatASearchOfTheWholeResponseFinds(@ForAll("responses") String response,
      @ForAll @IntRange(min = 1, max = 64) int chunkSize) {
    UsageScanner scanner = new UsageScanner();
    byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
    for (int at = 0; at < bytes.length; at += chunkSize) {
      feedBulk(scanner, bytes, at, Math.min(chunkSize, bytes.length - at));
    }

    assertThat(scanner.completionTokens()).isEqualTo(reference(response));
    UsageScanner whole = new UsageScanner();
    feedBulk(whole, bytes, 0, bytes.length);
    assertThat(whole.completionTokens()).as("the whole response in one call")
        .isEqualTo(reference(response));
  }

  @Test
  void inBulkFindsUsageInsideOneLargeChunk() {
    byte[] token = ("data: {\"choices\":[{\"delta\":{\"content\":\"x\"},"
        + "\"finish_reason\":null}]}\n\n").repeat(20).concat(USAGE_EVENT)
        .getBytes(StandardCharsets.UTF_8);
    UsageScanner scanner = new UsageScanner();
    feedBulk(scanner, token, 0, token.length);

    assertThat(scanner.completionTokens()).isEqualTo(42);
  }

  @Test
  void inBulkReadsAStreamedCompletionChunkByChunk() {
    UsageScanner scanner = new UsageScanner();
    byte[] token = ("data: {\"choices\":[{\"delta\":{\"content\":\"snake_case x\"},"
        + "\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 100; i++) {
      feedBulk(scanner, token, 0, token.length);
    }
    byte[] last = USAGE_EVENT.getBytes(StandardCharsets.UTF_8);
    int cut = USAGE_EVENT.indexOf("completion_") + 5; // the key cut across two chunks
    feedBulk(scanner, last, 0, cut);
    feedBulk(scanner, last, cut, last.length - cut);

    assertThat(scanner.completionTokens()).isEqualTo(42);
  }

  @Provide
  Arbitrary<String> responses() {
    List<String> parts = List.of("\"completion_tokens\"", "\"completion_", "tokens\"", "\"", ":", " ", "\n",
        "7", "42", "2147483647", "2147483648", "12345678901", "0", "x", ",", "}",
        "data: {\"choices\":[{\"delta\":{\"content\":\"a longer token\"}}]}\n\n", "_", "__",
        "\"finish_reason\":null", "completion_tokens\"", "{\"usage\":{\"completion_tokens\":12,");
    return Arbitraries.of(parts).list().ofMaxSize(30).map(l -> String.join("", l));
  }

  private static int reference(String response) {
    int found = -1;
    Matcher m = REFERENCE.matcher(response);
    while (m.find()) {
      long v = Long.parseLong(m.group(1));
      if (v <= Integer.MAX_VALUE) {
        found = (int) v;
      }
    }
    return found;
  }
}
