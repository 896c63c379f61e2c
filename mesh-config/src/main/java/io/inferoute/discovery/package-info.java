/**
 * Endpoint discovery from Kubernetes: EndpointSlices selected by labels, turned into
 * {@link io.inferoute.policy.EndpointSpec}s for the engine's registry, beside the policy's static
 * endpoints.
 */
@NullMarked
package io.inferoute.discovery;

import org.jspecify.annotations.NullMarked;
