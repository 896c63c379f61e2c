/**
 * The Istio side path: live telemetry turned into DestinationRule locality weights, checked against
 * istiod's webhook rules and published safely; plus the mesh manifests for {@code render istio}.
 *
 * <p>Flow: {@link io.inferoute.istio.MeshTelemetry} → {@link io.inferoute.istio.LocalityWeightCalculator}
 * (pure, with hysteresis, step limit and minimum interval carried in a
 * {@link io.inferoute.istio.WeightState}) → {@link io.inferoute.istio.LocalityLbValidator} →
 * {@link io.inferoute.istio.LocalityLbPublisher} (Kubernetes server-side apply, file or dry run), driven
 * by a {@link io.inferoute.istio.WeightPublisher} on its own thread, only while this replica leads
 * ({@link io.inferoute.istio.LeaderElection}). See docs/istio.md.
 */
@NullMarked
package io.inferoute.istio;

import org.jspecify.annotations.NullMarked;
