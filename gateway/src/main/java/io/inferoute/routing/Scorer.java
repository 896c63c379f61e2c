package io.inferoute.routing;

/** The weighted scorers; each gives every candidate a value in 0..1, higher is better. */
public enum Scorer {
  /** slo ÷ (slo + predicted TTFT): 0.5 exactly at the SLO, towards 1 when much faster. */
  LATENCY,
  /** 1 − utilisation (in-flight, reported running + queued, and KV-cache use, the highest). */
  LOAD,
  /** Matched prefix blocks ÷ prompt blocks; 1 for the rendezvous owner of a session or cold prefix. */
  AFFINITY,
  /** Cheapest candidate's price ÷ this one's, for this request's tokens. */
  COST,
  /** 1 in the origin's zone, 0.5 in its region, 0 elsewhere. */
  GRAVITY;

  /** Lower-case name for JSON and tables. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
