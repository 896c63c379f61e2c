package io.inferoute.telemetry;

/** The latencies kept per endpoint. */
public enum LatencyMetric {
  /** Time to first token (first response byte of a stream). */
  TTFT,
  /** Whole request, first request byte to last response byte. */
  END_TO_END,
  /** Decode time per generated token, after the first. */
  TIME_PER_OUTPUT_TOKEN
}
