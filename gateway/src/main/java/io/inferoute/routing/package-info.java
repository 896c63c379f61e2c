/**
 * The routing engine: route match, filters, scorers, picker and fallback list.
 *
 * <p>{@link io.inferoute.routing.RoutingEngine} is the public entry point that the ext_proc server,
 * the HTTP gateway and the CLI call. A decision reads one immutable {@code CompiledPolicy} from
 * start to end and allocates almost nothing: per-thread scratch arrays, no streams or boxing.
 * A route whose {@code strategy} is a baseline (round-robin, random, least-request,
 * prefix-affinity) is placed by {@code BaselinePlacer} after the same static and health filters.
 */
@NullMarked
package io.inferoute.routing;

import org.jspecify.annotations.NullMarked;
