package io.inferoute.scrape;

import io.inferoute.telemetry.EndpointTelemetry;

/**
 * The load one endpoint reported: -1 stands for what it did not report.
 *
 * @param queueDepth requests waiting in the server's queue
 * @param running requests the server is running
 * @param kvCacheUsage fraction of its KV cache in use, 0..1
 */
public record LoadSample(int queueDepth, int running, double kvCacheUsage) {
  /** Whether at least one of the three values is known. */
  public boolean hasAny() {
    return queueDepth >= 0 || running >= 0 || kvCacheUsage >= 0;
  }

  /** Stores this sample as the endpoint's current load. */
  public void reportTo(EndpointTelemetry telemetry) {
    telemetry.reportLoad(queueDepth, running, kvCacheUsage);
  }
}
