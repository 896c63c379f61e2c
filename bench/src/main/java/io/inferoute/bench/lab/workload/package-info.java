/**
 * Seeded, reproducible workload traces for the placement lab: multi-turn chat, long-document
 * questions and a mix of interactive and batch traffic, with Poisson or bursty arrivals. The same
 * seed and parameters always give the same trace, byte for byte.
 */
@NullMarked
package io.inferoute.bench.lab.workload;

import org.jspecify.annotations.NullMarked;
