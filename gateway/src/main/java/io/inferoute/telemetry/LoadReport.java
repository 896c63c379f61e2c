package io.inferoute.telemetry;

/**
 * Load reported by a model server (scraped /metrics or an ORCA header); -1 means "not reported".
 *
 * <p>A report is old the moment it arrives: scrapes come every few hundred milliseconds, and a
 * busy router sends dozens of requests in between. It therefore keeps the router's own in-flight
 * count at the moment it was stored, so that what this router has sent since (less what it saw
 * finish) can be added to it: {@link #outstandingNow} and {@link #waitingNow}. With one router the
 * estimate follows the router's own count; with several independent replicas it is the only view
 * a replica has of the others' traffic, which its own count never sees.
 *
 * @param queueDepth requests waiting, or -1
 * @param running requests running, or -1
 * @param kvCacheUsage fraction of the KV cache in use, 0..1, or -1
 * @param receivedAtNanos when the router received it, on the router's {@code Ticker}
 * @param inFlightAtReport this router's in-flight count for the endpoint when it stored the report
 */
public record LoadReport(int queueDepth, int running, double kvCacheUsage, long receivedAtNanos,
    int inFlightAtReport) {

  /**
   * Requests the endpoint holds now, running or queued, as estimated from the report and what this
   * router sent since less what it saw finish; never below {@code inFlightNow}. Where the report
   * gave no running count, this router's own count at the time stands in for it. -1 when the
   * report gave no queue depth.
   *
   * @param inFlightNow this router's in-flight count for the endpoint now
   */
  public int outstandingNow(int inFlightNow) {
    if (queueDepth < 0) {
      return -1;
    }
    long estimate = (long) runningOrOwn() + queueDepth + sinceReport(inFlightNow);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(inFlightNow, estimate));
  }

  /**
   * Requests estimated to wait in the endpoint's queue now; -1 when the report gave no queue depth.
   * A non-empty queue grows by every request sent since and shrinks by every one seen finish (each
   * frees a slot for the head of the queue). An empty queue stays empty until the requests sent
   * since would overflow {@code maxConcurrency} slots; they are all that can be waiting, since the
   * report showed none.
   *
   * @param inFlightNow this router's in-flight count for the endpoint now
   * @param maxConcurrency the endpoint's concurrent generations
   */
  public int waitingNow(int inFlightNow, int maxConcurrency) {
    if (queueDepth < 0) {
      return -1;
    }
    long since = sinceReport(inFlightNow);
    long waiting = queueDepth > 0 ? queueDepth + since
        : Math.min(since, runningOrOwn() + since - maxConcurrency);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, waiting));
  }

  private int runningOrOwn() {
    return running >= 0 ? running : inFlightAtReport;
  }

  private long sinceReport(int inFlightNow) {
    return (long) inFlightNow - inFlightAtReport;
  }
}
