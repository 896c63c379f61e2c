package io.inferoute.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InferenceBodyParserTest {
  private final InferenceBodyParser parser = new InferenceBodyParser(16_384);

  private InferenceBody parse(String json) throws MalformedBodyException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return parser.parse(bytes, 0, bytes.length);
  }

  @Test
  void readsChatModelMessagesStreamAndMaxTokens() throws Exception {
    InferenceBody b = parse("""
        {"model":"llama-3.1-8b","temperature":0.2,"stream":true,"max_tokens":128,
         "messages":[{"role":"system","content":"You are terse."},
                     {"role":"user","content":"Hi","name":"bob"}],
         "tools":[{"type":"function","function":{"name":"f","parameters":{"a":[1,2,{"b":3}]}}}]}
        """);
    assertThat(b.model()).isEqualTo("llama-3.1-8b");
    assertThat(b.stream()).isTrue();
    assertThat(b.maxTokens()).isEqualTo(128);
    assertThat(b.promptPrefix().toString()).isEqualTo("system\nYou are terse.\nuser\nHi\n");
    assertThat(b.promptChars()).isEqualTo(b.promptPrefix().length());
  }

  @Test
  void readsContentPartsAndMaxCompletionTokens() throws Exception {
    InferenceBody b = parse("""
        {"messages":[{"role":"user","content":[{"type":"text","text":"look"},
          {"type":"image_url","image_url":{"url":"data:..."}},{"type":"text","text":"here"}]}],
         "max_completion_tokens":7,"model":"m"}
        """);
    assertThat(b.promptPrefix().toString()).isEqualTo("user\nlook\nhere\n");
    assertThat(b.maxTokens()).isEqualTo(7);
    assertThat(b.stream()).isFalse();
  }

  @Test
  void readsCompletionsPromptAndEmbeddingsInput() throws Exception {
    assertThat(parse("{\"model\":\"m\",\"prompt\":\"Once upon\"}").promptPrefix().toString())
        .isEqualTo("Once upon");
    assertThat(parse("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}").promptPrefix().toString())
        .isEqualTo("a\nb\n");
    assertThat(parse("{\"model\":\"m\",\"input\":[[1,2,3],\"text\"]}").promptPrefix().toString())
        .isEqualTo("text\n");
  }

  @Test
  void keepsOnlyThePrefixButCountsTheWholePrompt() throws Exception {
    InferenceBodyParser small = new InferenceBodyParser(10);
    byte[] body = ("{\"model\":\"m\",\"prompt\":\"" + "x".repeat(1_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    InferenceBody b = small.parse(new ByteArrayInputStream(body));
    assertThat(b.promptPrefix()).hasToString("x".repeat(10));
    assertThat(b.promptChars()).isEqualTo(1_000);
  }

  @Test
  void absentFieldsHaveDefinedDefaults() throws Exception {
    InferenceBody b = parse("{}");
    assertThat(b.model()).isNull();
    assertThat(b.maxTokens()).isEqualTo(-1);
    assertThat(b.promptPrefix()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json | request body is not valid JSON: ",
      "[1,2] | request body: expected a JSON object",
      "{\"model\":3} | model: expected a string",
      "{\"stream\":\"yes\"} | stream: expected true or false",
      "{\"max_tokens\":-5} | max_tokens: expected a non-negative integer",
      "{\"max_tokens\":1.5} | max_tokens: expected a non-negative integer",
      "{\"messages\":{}} | messages: expected an array of messages",
      "{\"messages\":[\"hi\"]} | messages[]: expected an object with role and content",
      "{\"messages\":[{\"role\":\"user\",\"content\":5}]} | messages[].content: expected a string or an array of parts",
      "{\"prompt\":5} | prompt: expected a string or an array",
      "{\"model\":\"m\"} trailing | request body",
      "{\"model\":\"m\" | request body is not valid JSON: ",
  })
  void rejectsMalformedBodiesWithAClearMessage(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void rejectsDeeplyNestedBodiesWithoutExhaustingTheStack() {
    String bomb = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> parse(bomb)).isInstanceOf(MalformedBodyException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void rejectsBinaryGarbage() {
    byte[] garbage = new byte[256];
    new java.util.Random(1).nextBytes(garbage);
    assertThatThrownBy(() -> parser.parse(garbage, 0, garbage.length))
        .isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("request body is not valid JSON");
  }

  @Test
  void readsTheSameFromAnArraySliceAsFromAStream() throws Exception {
    InferenceBodyParser small = new InferenceBodyParser(14); // cuts U+1F600 in half
    String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"h\u00e9llo \\u00e9\\n\ud83d\ude00 w\u00f6rld " + "z".repeat(500) + "\"}]}";
    byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    int length = bytes.length - 4; // "xx" and "yy" are ASCII
    InferenceBody fromSlice = small.parse(bytes, 2, length);
    InferenceBody fromStream = small.parse(new ByteArrayInputStream(bytes, 2, length));
    assertThat(fromSlice.promptPrefix().toString()).isEqualTo("user\nh\u00e9llo \u00e9\n\ud83d");
    assertThat(fromSlice.promptPrefix().toString()).isEqualTo(fromStream.promptPrefix().toString());
    assertThat(fromSlice.promptChars()).isEqualTo(fromStream.promptChars()).isEqualTo(5 + 517 + 1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"prompt\":\"abc",
      "{\"prompt\":\"a\\qb\"}",
      "{\"prompt\":[\"ok\",\"bad\\u12\"]}",
  })
  void rejectsBrokenPromptStringsPastThePrefix(String json) {
    InferenceBodyParser none = new InferenceBodyParser(0);
    assertThatThrownBy(() -> none.parse(json.getBytes(StandardCharsets.UTF_8), 0, json.length()))
        .isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("request body is not valid JSON: ");
  }

  @Test
  void rejectsInvalidUtf8InAPrompt() {
    byte[] body = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', 'a', (byte) 0xC3, 'b', '"',
        '}'};
    assertThatThrownBy(() -> parser.parse(body, 0, body.length))
        .isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("request body is not valid JSON: ");
  }

  @Test
  void aShortChatBodyAllocatesLittleWhateverThePrefixLimit() throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) {
      parser.parse(body, 0, body.length);
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    int n = 10_000;
    long chars = 0;
    for (int i = 0; i < n; i++) {
      chars += parser.parse(body, 0, body.length).promptChars();
    }
    long perParse = (threads.getThreadAllocatedBytes(id) - before) / n;
    assertThat(chars).isEqualTo(n * 16L);
    // Jackson's parser state is most of it; an 8 KB prompt buffer sized by the limit is not.
    assertThat(perParse).as("bytes allocated per parse").isLessThan(4_096);
  }

  @Test
  void aReusedPromptBuilderHoldsEachBodysPromptAndSparesItsAllocation() throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] first = chat("a".repeat(3_000));
    byte[] second = chat("short");
    StringBuilder reused = new StringBuilder();

    InferenceBody a = parser.parse(first, 0, first.length, reused);
    assertThat(a.promptPrefix().toString()).isEqualTo("user\n" + "a".repeat(3_000) + "\n");
    InferenceBody b = parser.parse(second, 0, second.length, reused);
    assertThat(b.promptPrefix().toString()).isEqualTo("user\nshort\n"); // emptied, not appended to
    assertThat(b.promptPrefix()).isSameAs(reused);

    for (int i = 0; i < 20_000; i++) {
      parser.parse(first, 0, first.length, reused);
      parser.parse(first, 0, first.length);
    }
    long id = Thread.currentThread().getId();
    int n = 5_000;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < n; i++) {
      parser.parse(first, 0, first.length);
    }
    long fresh = (threads.getThreadAllocatedBytes(id) - before) / n;
    before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < n; i++) {
      parser.parse(first, 0, first.length, reused);
    }
    long reusing = (threads.getThreadAllocatedBytes(id) - before) / n;
    // A 3 KB prompt's builder is most of what a parse allocates; reused, it is gone.
    assertThat(fresh - reusing).as("bytes spared per parse").isGreaterThanOrEqualTo(3_000);
  }

  private static byte[] chat(String content) {
    return ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content
        + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }
}
