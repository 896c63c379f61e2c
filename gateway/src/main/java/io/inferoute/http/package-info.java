/**
 * The standalone OpenAI-compatible streaming HTTP gateway on Vert.x: HTTP/1.1 and h2c in front,
 * pooled keep-alive connections per event loop behind, the routing engine deciding each request.
 *
 * <p>Each request is one {@link io.inferoute.http.Exchange} confined to the event loop of its
 * connection: body read under a limit, decision, attempts over the placement's fallback list
 * (failover only before the first response byte, under a retry budget), then the response relayed
 * chunk by chunk with backpressure. Counters are {@link java.util.concurrent.atomic.LongAdder}s
 * read as an immutable {@link io.inferoute.http.HttpGatewayStats}.
 */
@NullMarked
package io.inferoute.http;

import org.jspecify.annotations.NullMarked;
