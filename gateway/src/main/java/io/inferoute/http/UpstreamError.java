package io.inferoute.http;

/**
 * Failures the gateway meets after a placement, beside the engine's {@link
 * io.inferoute.routing.RejectReason}s: the status it answers (when nothing was sent yet), the
 * OpenAI error {@code type} and a stable {@code code}.
 */
enum UpstreamError {
  /** Every attempt failed to connect, was reset or answered 5xx/429 and no retry was left. */
  UNAVAILABLE(502, "server_error", "upstream_unavailable"),
  /** The request's deadline passed. */
  TIMEOUT(504, "server_error", "upstream_timeout"),
  /** The response broke after its first byte reached the client. */
  STREAM_BROKEN(502, "server_error", "upstream_stream_broken");

  private final int httpStatus;
  private final String errorType;
  private final String code;

  UpstreamError(int httpStatus, String errorType, String code) {
    this.httpStatus = httpStatus;
    this.errorType = errorType;
    this.code = code;
  }

  int httpStatus() {
    return httpStatus;
  }

  String errorType() {
    return errorType;
  }

  String code() {
    return code;
  }
}
