package io.inferoute.scrape;

/** Told about every finished scrape attempt; called on an HTTP client or scheduler thread. */
@FunctionalInterface
public interface ScrapeListener {
  /** One attempt for {@code status.endpoint()} ended; {@code status} already includes it. */
  void onScrape(ScrapeStatus status);

  /** A listener that does nothing. */
  static ScrapeListener none() {
    return status -> {};
  }
}
