/**
 * Simulated OpenAI-compatible model servers for the demo, tests and benchmarks: chat and text
 * completions (streaming and not), a KV-cache prefix model, a concurrency limit with a bounded
 * queue, vLLM-named Prometheus metrics and runtime error injection. Each {@link
 * io.inferoute.sim.SimulatedServer} runs on one Vert.x event-loop context; its state lives in plain
 * fields confined to that context, and time passes through event-loop timers, never sleeps.
 */
@NullMarked
package io.inferoute.sim;

import org.jspecify.annotations.NullMarked;
