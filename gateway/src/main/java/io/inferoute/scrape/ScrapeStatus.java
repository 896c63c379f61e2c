package io.inferoute.scrape;

import org.jspecify.annotations.Nullable;

/**
 * How scraping one endpoint goes; immutable, replaced after every attempt. Times are {@link
 * io.inferoute.time.Ticker} nanoseconds, {@link #NEVER} when it has not happened.
 *
 * @param endpoint the endpoint's name
 * @param lastSuccessNanos when a scrape last delivered a load
 * @param lastErrorNanos when a scrape last failed
 * @param lastError why it last failed, or null when it never failed
 * @param consecutiveFailures failures since the last success
 * @param successes scrapes that delivered a load
 * @param failures scrapes that failed
 */
public record ScrapeStatus(
    String endpoint,
    long lastSuccessNanos,
    long lastErrorNanos,
    @Nullable String lastError,
    int consecutiveFailures,
    long successes,
    long failures) {

  /** Marks a time that never came. */
  public static final long NEVER = Long.MIN_VALUE;

  /** The status of an endpoint not scraped yet. */
  public static ScrapeStatus initial(String endpoint) {
    return new ScrapeStatus(endpoint, NEVER, NEVER, null, 0, 0, 0);
  }

  /** Nanoseconds since the last success at {@code nowNanos}, or {@link Long#MAX_VALUE} if none. */
  public long stalenessNanos(long nowNanos) {
    return lastSuccessNanos == NEVER ? Long.MAX_VALUE : nowNanos - lastSuccessNanos;
  }

  ScrapeStatus succeeded(long nowNanos) {
    return new ScrapeStatus(endpoint, nowNanos, lastErrorNanos, lastError, 0, successes + 1, failures);
  }

  ScrapeStatus failed(long nowNanos, String error) {
    return new ScrapeStatus(endpoint, lastSuccessNanos, nowNanos, error,
        consecutiveFailures + 1, successes, failures + 1);
  }
}
