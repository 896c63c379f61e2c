package io.inferoute.http;

import io.vertx.core.buffer.Buffer;
import java.io.InputStream;

/** Reads a Vert.x {@link Buffer} as a stream, so the body parser needs no copy of the body. */
final class BufferInputStream extends InputStream {
  private final Buffer buffer;
  private int position;

  BufferInputStream(Buffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public int read() {
    return position < buffer.length() ? buffer.getByte(position++) & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    int n = Math.min(length, buffer.length() - position);
    if (n <= 0) {
      return length == 0 ? 0 : -1;
    }
    buffer.getBytes(position, position + n, into, offset);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return buffer.length() - position;
  }
}
