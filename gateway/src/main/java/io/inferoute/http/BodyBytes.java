package io.inferoute.http;

import io.inferoute.request.InferenceBody;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.request.MalformedBodyException;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Hands a received body to the parser as bytes: the buffer's own array where it has one (the
 * gateway's bodies are heap buffers), so the parser's one-pass scanner reads the body in place;
 * a copy only for a buffer without an array. Read through a stream, the body went to Jackson, which
 * decodes every string and allocates a parser per request (7 % of the gateway's CPU samples under
 * the proxy benchmark).
 */
final class BodyBytes {
  private BodyBytes() {}

  static InferenceBody parse(InferenceBodyParser parser, Buffer body) throws MalformedBodyException {
    if (body instanceof BufferInternal internal) {
      ByteBuf bytes = internal.unwrap(); // read only: its indices are left as they are
      if (bytes.hasArray()) {
        return parser.parse(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(),
            bytes.readableBytes());
      }
    }
    byte[] copy = body.getBytes();
    return parser.parse(copy, 0, copy.length);
  }
}
