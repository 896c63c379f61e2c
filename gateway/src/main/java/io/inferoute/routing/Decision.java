package io.inferoute.routing;

/** The outcome of routing one request: a {@link Placement} or a {@link Rejection}, never null. */
public sealed interface Decision permits Placement, Rejection {
  /** The route that matched (the default route's name when none did). */
  String route();
}
