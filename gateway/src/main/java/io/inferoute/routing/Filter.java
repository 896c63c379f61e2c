package io.inferoute.routing;

/** The hard constraints, in the order they are applied; each names why a candidate was removed. */
public enum Filter {
  /** The endpoint's tier is not among the route's fallback tiers. */
  TIER,
  /** The endpoint's region is outside the route's allowed regions. */
  RESIDENCY,
  /** The endpoint lacks a hardware label the route requires. */
  HARDWARE,
  /** The proxy's subset hint does not include the endpoint. */
  SUBSET,
  /** The endpoint's circuit breaker is open (ignored in panic mode). */
  UNHEALTHY,
  /** The endpoint is at its concurrency or queue limit for this priority. */
  SATURATED,
  /** The request would cost more per 1M tokens than the route's budget. */
  BUDGET;

  /** Lower-case name for JSON and tables. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
