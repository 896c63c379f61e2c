/**
 * Per-endpoint circuit breaking with the semantics of Envoy's outlier detection: consecutive
 * failures and failure rate eject an endpoint for a growing time, half-open trials bring it back,
 * and a fleet-wide budget caps how many are ejected at once.
 */
@NullMarked
package io.inferoute.breaker;

import org.jspecify.annotations.NullMarked;
