/**
 * Endpoints and the fleet: immutable fleet snapshots behind one volatile reference, and the live
 * state of each endpoint (telemetry, breaker) that survives snapshot swaps for endpoints that stay.
 */
@NullMarked
package io.inferoute.endpoint;

import org.jspecify.annotations.NullMarked;
