package io.inferoute.policy;

/** How a route's requests fare under overload: batch is shed before interactive. */
public enum Priority {
  INTERACTIVE,
  STANDARD,
  BATCH
}
