package io.inferoute.routing;

/**
 * Why a request is not placed or not served: the one error taxonomy of the project.
 *
 * <p>The first five are the engine's and the front ends' rejections before any endpoint is tried;
 * the {@code UPSTREAM_*} ones are what a front end meets after a placement. Each reason maps to an HTTP status (the standalone gateway's answer and the status of the
 * ext_proc ImmediateResponse), an OpenAI-style error {@code type} and {@code code}, and a metric
 * label. Add a reason here rather than inventing a status elsewhere.
 */
public enum RejectReason {
  /** The body is not JSON, or lacks what routing needs. */
  MALFORMED_REQUEST(400, "invalid_request_error", "invalid_request"),
  /** No endpoint of the fleet serves the model. */
  UNKNOWN_MODEL(404, "invalid_request_error", "model_not_found"),
  /** The body exceeds the configured limit. */
  BODY_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
  /** Every otherwise eligible endpoint is at its concurrency or queue limit. */
  SATURATED(429, "rate_limit_error", "saturated"),
  /** Endpoints serve the model, but none passes the route's constraints. */
  NO_ELIGIBLE_ENDPOINT(503, "service_unavailable_error", "no_eligible_endpoint"),
  /** Every attempt failed to connect, was reset or answered 5xx/429, and no retry was left. */
  UPSTREAM_UNAVAILABLE(502, "server_error", "upstream_unavailable"),
  /** The request's deadline passed. */
  UPSTREAM_TIMEOUT(504, "server_error", "upstream_timeout"),
  /** The response broke after its first byte reached the client (a final SSE error event). */
  UPSTREAM_STREAM_BROKEN(502, "server_error", "upstream_stream_broken");

  private final int httpStatus;
  private final String errorType;
  private final String code;

  RejectReason(int httpStatus, String errorType, String code) {
    this.httpStatus = httpStatus;
    this.errorType = errorType;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The OpenAI error {@code type}. */
  public String errorType() {
    return errorType;
  }

  /** The stable OpenAI error {@code code}; also the {@code x-inferoute-reject-reason} header value. */
  public String code() {
    return code;
  }

  /** The Prometheus label value for rejects by reason. */
  public String metricLabel() {
    return code;
  }
}
