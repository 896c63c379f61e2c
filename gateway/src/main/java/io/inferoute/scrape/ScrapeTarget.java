package io.inferoute.scrape;

import io.inferoute.telemetry.EndpointTelemetry;
import java.net.URI;
import java.util.Objects;

/**
 * One endpoint to scrape: where its metrics are, how to read them, and whose load they are.
 *
 * @param endpoint the endpoint's name (unique among the scraper's targets)
 * @param metricsUrl its Prometheus {@code /metrics} URL (http or https)
 * @param mapping which metrics give its load
 * @param telemetry where the load goes
 */
public record ScrapeTarget(String endpoint, URI metricsUrl, LoadMapping mapping, EndpointTelemetry telemetry) {
  public ScrapeTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(telemetry, "telemetry");
    String scheme = metricsUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("metricsUrl: " + metricsUrl + " (expected: an http or https URL)");
    }
  }
}
