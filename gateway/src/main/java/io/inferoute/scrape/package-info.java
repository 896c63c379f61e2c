/**
 * Live load from the model servers: a Prometheus text-format parser, per-engine metric mappings
 * (vLLM, SGLang, TensorRT-LLM, custom), ORCA {@code endpoint-load-metrics} header parsing, and the
 * {@link io.inferoute.scrape.LoadScraper} that polls each endpoint's {@code /metrics}
 * asynchronously and feeds {@link io.inferoute.telemetry.EndpointTelemetry#reportLoad}.
 */
@NullMarked
package io.inferoute.scrape;

import org.jspecify.annotations.NullMarked;
