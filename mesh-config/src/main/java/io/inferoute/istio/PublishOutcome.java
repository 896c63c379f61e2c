package io.inferoute.istio;

/** How one attempt to publish a service's weights ended; the label of the publish counters. */
public enum PublishOutcome {
  /** Written. */
  APPLIED,
  /** The rule already carried these weights; nothing written. */
  UNCHANGED,
  /** Another field manager owns the field (HTTP 409): Inferoute does not fight it unless told to force. */
  CONFLICT,
  /** The API server or istiod's webhook refused the rule (HTTP 422 or 400). */
  REJECTED,
  /** The API server failed (HTTP 5xx). */
  SERVER_ERROR,
  /** No answer in time. */
  TIMEOUT,
  /** The setting broke istiod's rules before it was sent (a bug: nothing was written). */
  INVALID,
  /** Anything else: I/O, authorisation, an unexpected exception. */
  ERROR
}
