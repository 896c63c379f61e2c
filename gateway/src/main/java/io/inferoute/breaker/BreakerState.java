package io.inferoute.breaker;

/** The three states of a {@link CircuitBreaker}. */
public enum BreakerState {
  /** Healthy: every request goes through and outcomes are counted. */
  CLOSED,
  /** Ejected: no request goes through until the ejection time has elapsed. */
  OPEN,
  /** On probation after an ejection: a fixed number of trial requests go through. */
  HALF_OPEN
}
