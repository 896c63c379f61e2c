/**
 * The Envoy external processor: Inferoute as the endpoint picker of the Gateway API Inference
 * Extension's Endpoint Picker Protocol, over {@code envoy.service.ext_proc.v3} gRPC.
 *
 * <p>{@link io.inferoute.extproc.ExtProcServer} serves one {@code Process} stream per HTTP request
 * that Envoy proxies. Each stream is driven by its own state machine, which reads the request
 * (headers, and the body where Envoy sends it), asks the {@link io.inferoute.routing.RoutingEngine}
 * where it goes, answers Envoy with the picked endpoint (header and {@code envoy.lb} metadata) or an
 * OpenAI-style error, and feeds what comes back (status, time to first byte, tokens) to the engine.
 * Only this package and the HTTP gateway import gRPC.
 */
@NullMarked
package io.inferoute.extproc;

import org.jspecify.annotations.NullMarked;
