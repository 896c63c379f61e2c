package io.inferoute.telemetry;

/**
 * Load reported by a model server (scraped /metrics or an ORCA header); -1 means "not reported".
 *
 * @param queueDepth requests waiting, or -1
 * @param running requests running, or -1
 * @param kvCacheUsage fraction of the KV cache in use, 0..1, or -1
 * @param receivedAtNanos when the router received it, on the router's {@code Ticker}
 */
public record LoadReport(int queueDepth, int running, double kvCacheUsage, long receivedAtNanos) {}
