/**
 * The routing policy as operators write it: immutable, validated records.
 *
 * <p>Every record checks its own invariants in its compact constructor, so a {@link RoutingPolicy}
 * that exists is internally consistent. Records here carry no YAML or Jackson types: the loader
 * maps YAML to them and reports errors with file positions; code and tests can build them directly.
 */
@NullMarked
package io.inferoute.policy;

import org.jspecify.annotations.NullMarked;
