/**
 * The Envoy-behaviour conformance suite for Inferoute's ext_proc server: an emulator that drives the
 * real server over gRPC as Envoy ≥ 1.34 does and holds every answer to what Envoy's ext_proc filter
 * accepts, with scenarios ported from Envoy's ext_proc integration tests and the Endpoint Picker
 * Protocol.
 */
@NullMarked
package io.inferoute.envoy.conformance;

import org.jspecify.annotations.NullMarked;
