package io.inferoute.breaker;

/**
 * What became of one request sent to an endpoint, as far as its circuit breaker cares.
 *
 * <p>Callers report connect errors, connection resets and upstream timeouts as {@link
 * #GATEWAY_FAILURE}, as Envoy maps local-origin errors onto 502/503/504. As in Envoy, a {@code
 * GATEWAY_FAILURE} counts toward both {@code consecutive5xx} and {@code
 * consecutiveGatewayFailures}; a {@link #FAILURE_5XX} counts toward {@code consecutive5xx} only
 * (and breaks a run of gateway failures). Both count as failures for the failure rate.
 */
public enum Outcome {
  /** Anything that says the endpoint is alive, including 4xx and 429 (overload is not a fault). */
  SUCCESS,
  /** A 5xx other than 502/503/504. */
  FAILURE_5XX,
  /** 502/503/504, a connect error, a reset or an upstream timeout. */
  GATEWAY_FAILURE;

  /** 502/503/504 → GATEWAY_FAILURE; other 5xx → FAILURE_5XX; everything else (incl. 429, 4xx) → SUCCESS. */
  public static Outcome ofStatus(int httpStatus) {
    if (httpStatus == 502 || httpStatus == 503 || httpStatus == 504) {
      return GATEWAY_FAILURE;
    }
    return httpStatus >= 500 && httpStatus <= 599 ? FAILURE_5XX : SUCCESS;
  }

  /** Whether this outcome counts as a failure for the failure rate and half-open trials. */
  boolean isFailure() {
    return this != SUCCESS;
  }
}
