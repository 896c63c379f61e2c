package io.inferoute.routing;

/**
 * A request that cannot be placed, with the reason and a message a client can read.
 *
 * @param route the route that matched
 * @param reason the taxonomy entry (status, code, metric label)
 * @param message what happened, e.g. {@code model "x" is not served by any endpoint}
 */
public record Rejection(String route, RejectReason reason, String message) implements Decision {}
