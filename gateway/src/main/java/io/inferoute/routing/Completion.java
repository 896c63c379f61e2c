package io.inferoute.routing;

import io.inferoute.breaker.Outcome;

/**
 * What came back from an endpoint, fed to its telemetry and breaker.
 *
 * @param outcome success, 5xx or gateway failure (connect error, reset, 502/503/504, timeout)
 * @param ttftNanos time to the first response byte, or -1 when none arrived
 * @param totalNanos time to the last response byte (or to the failure)
 * @param outputTokens generated tokens from {@code usage}, or -1 when unknown
 */
public record Completion(Outcome outcome, long ttftNanos, long totalNanos, int outputTokens) {
  /** A completion from an HTTP status. */
  public static Completion ofStatus(int status, long ttftNanos, long totalNanos, int outputTokens) {
    return new Completion(Outcome.ofStatus(status), ttftNanos, totalNanos, outputTokens);
  }
}
