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
    long declared = declaredLength(request.getHeader("content-length"));
    if (declared > limit) {
      request.handler(chunk -> { }); // discard what the client still sends
      onTooLarge.run();
      return;
    }
    // Sized by the declared length (within the limit), so the body is copied once, not regrown.
    Buffer body = declared > 0 ? Buffer.buffer((int) declared) : Buffer.buffer();
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

  /** The declared body length, or -1 when absent or not a number. */
  private static long declaredLength(@Nullable String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
