/**
 * The placement lab: seeded workloads (multi-turn chat, long-document questions, mixed
 * priorities) driven through real gateway processes in front of a simulated edge/regional/cloud
 * fleet, comparing Inferoute's objectives with the strategies its peers use. Run it with
 * {@code bench/run-lab.sh}; it writes the tables and plots of {@code docs/benchmarks.md}.
 */
@NullMarked
package io.inferoute.bench.lab;

import org.jspecify.annotations.NullMarked;
