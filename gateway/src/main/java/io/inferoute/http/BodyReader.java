package io.inferoute.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into one buffer under a byte limit: a {@code content-length} above the
 * limit is refused before any byte is read, and a body that grows past it is refused at the chunk
 * that crosses it; nothing past the limit is kept.
 */
final class BodyReader {
  private BodyReader() {}

  /** Calls {@code onBody} with the whole body, or {@code onTooLarge} once when it exceeds {@code limit}. */
  static void read(HttpServerRequest request, int limit, Handler<Buffer> onBody, Runnable onTooLarge) {
    if (declaredAbove(request.getHeader("content-length"), limit)) {
      request.handler(chunk -> { }); // discard what the client still sends
      onTooLarge.run();
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if ((long) body.length() + chunk.length() > limit) {
        refused[0] = true;
        onTooLarge.run();
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) {
        onBody.handle(body);
      }
    });
  }

  private static boolean declaredAbove(@Nullable String contentLength, int limit) {
    if (contentLength == null) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
