/**
 * The placement lab's runner: the simulated edge/regional/cloud fleet ({@link
 * io.inferoute.bench.lab.run.LabFleet}), real gateway child processes in front of it, and an
 * open-loop client that sends a trace over the HTTP gateway or plays Envoy against ext_proc
 * ({@link io.inferoute.bench.lab.run.GatewayTraceRunner}).
 */
@NullMarked
package io.inferoute.bench.lab.run;

import org.jspecify.annotations.NullMarked;
