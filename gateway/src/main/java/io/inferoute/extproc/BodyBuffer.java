package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * The request body chunks of one stream, kept as Envoy sent them and bounded by a limit.
 *
 * <p>Chunks are held, not copied: parsing reads them through one rope, and full-duplex mode sends
 * the very same {@link ByteString}s back to Envoy. Memory per stream is therefore the body itself,
 * at most the limit, never a second copy.
 */
final class BodyBuffer {
  private final int limit;
  private final List<ByteString> chunks = new ArrayList<>(4);
  private long size;
  private boolean overflowed;

  BodyBuffer(int limit) {
    this.limit = limit;
  }

  /**
   * Adds a chunk.
   *
   * @return false once the body exceeds the limit; everything held is dropped then
   */
  boolean add(ByteString chunk) {
    size += chunk.size();
    if (size > limit) {
      overflowed = true;
      chunks.clear();
      return false;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return true;
  }

  boolean overflowed() {
    return overflowed;
  }

  /** Bytes received so far (also past the limit). */
  long size() {
    return size;
  }

  int chunkCount() {
    return chunks.size();
  }

  /** The whole body as one rope over the held chunks (no copy). */
  ByteString content() {
    return chunks.size() == 1 ? chunks.get(0) : ByteString.copyFrom(chunks);
  }

  void clear() {
    chunks.clear();
  }
}
