/**
 * The routing engine: route match, filters, scorers, picker and fallback list.
 *
 * <p>{@link io.inferoute.routing.RoutingEngine} is the public entry point that the ext_proc server,
 * the HTTP gateway and the CLI call. A decision reads one immutable {@code CompiledPolicy} from
 * start to end and allocates almost nothing: per-thread scratch arrays, no streams or boxing.
 */
@NullMarked
package io.inferoute.routing;

import org.jspecify.annotations.NullMarked;
