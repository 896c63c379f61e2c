package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.request.InferenceBody;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.request.MalformedBodyException;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyBytesTest {
  private static final String CHAT =
      "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],\"stream\":true}";
  private final InferenceBodyParser parser = new InferenceBodyParser(4096);

  @Test
  void aHeapBufferIsParsedInPlace() throws Exception {
    InferenceBody b = BodyBytes.parse(parser, Buffer.buffer(CHAT));
    assertThat(b.model()).isEqualTo("m1");
    assertThat(b.promptPrefix().toString()).contains("hello there");
    assertThat(b.stream()).isTrue();
  }

  @Test
  void aSliceStartingInsideItsArrayIsReadFromItsOwnFirstByte() throws Exception {
    Buffer framed = Buffer.buffer("garbage" + CHAT + "tail");
    Buffer body = framed.slice(7, 7 + CHAT.length());
    InferenceBody b = BodyBytes.parse(parser, body);
    assertThat(b.model()).isEqualTo("m1");
    assertThat(b.promptPrefix().toString()).contains("hello there");
  }

  @Test
  void aBufferWithoutAnArrayIsCopiedAndParsedTheSame() throws Exception {
    Buffer direct = BufferInternal.buffer(
        Unpooled.directBuffer().writeBytes(CHAT.getBytes(StandardCharsets.UTF_8)));
    assertThat(((BufferInternal) direct).unwrap().hasArray()).isFalse();
    InferenceBody b = BodyBytes.parse(parser, direct);
    assertThat(b.model()).isEqualTo("m1");
    assertThat(b.promptPrefix().toString()).contains("hello there");
  }

  @Test
  void aMalformedBodyGetsTheSameErrorAsTheStreamParserGave() {
    byte[] bad = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":tru}]}"
        .getBytes(StandardCharsets.UTF_8);
    String viaStream = messageOf(() -> parser.parse(new ByteArrayInputStream(bad)));
    assertThat(viaStream).startsWith("request body is not valid JSON: ");
    assertThatThrownBy(() -> BodyBytes.parse(parser, Buffer.buffer(bad)))
        .isInstanceOf(MalformedBodyException.class)
        .hasMessage(viaStream);
  }

  private interface Parse {
    InferenceBody run() throws MalformedBodyException;
  }

  private static String messageOf(Parse p) {
    try {
      p.run();
    } catch (MalformedBodyException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a MalformedBodyException");
  }
}
