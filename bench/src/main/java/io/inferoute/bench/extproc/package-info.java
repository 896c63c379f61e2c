/**
 * The ext_proc load benchmark: a closed-loop driver that plays Envoy's side of the
 * {@code envoy.service.ext_proc.v3} {@code Process} stream over real gRPC on loopback, against
 * Inferoute's server and against a no-op processor (the gRPC transport floor) in the same run.
 * Run it with {@code bench/run-extproc.sh}; results go to {@code docs/benchmarks.md}.
 */
@NullMarked
package io.inferoute.bench.extproc;

import org.jspecify.annotations.NullMarked;
