/**
 * Live measurements per endpoint: latency histograms in sliding windows, in-flight counts and
 * load reported by the model servers. Writers (request threads) never block; a harvester thread
 * publishes immutable snapshots that decisions read with one volatile read.
 */
@NullMarked
package io.inferoute.telemetry;

import org.jspecify.annotations.NullMarked;
