/**
 * Tests that hold the Envoy bootstrap files and the Istio examples of this module against Envoy's
 * own v3 protos, Istio's CRD schemas and the rules istiod's webhook and Envoy's config loader add.
 */
@NullMarked
package io.inferoute.envoy;

import org.jspecify.annotations.NullMarked;
