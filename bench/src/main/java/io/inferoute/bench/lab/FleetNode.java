package io.inferoute.bench.lab;

/**
 * One simulated endpoint of the lab's fleet, in real-life units (the lab runs the simulators in
 * real time).
 *
 * @param name the endpoint name
 * @param tier {@code edge-gpu}, {@code regional-npu} or {@code cloud}
 * @param locality {@code region/zone}
 * @param prefillTokensPerSecond prefill speed of uncached prompt tokens
 * @param decodeTokensPerSecond decode speed per generation
 * @param kvCacheBlocks KV-cache capacity in 64-character (16-token) prefix blocks
 * @param maxConcurrency generations run at once
 * @param maxQueue generations waiting beyond that; more are refused with 429
 * @param inputPricePerMillion price per 1M prompt tokens
 * @param outputPricePerMillion price per 1M output tokens
 */
public record FleetNode(
    String name,
    String tier,
    String locality,
    double prefillTokensPerSecond,
    double decodeTokensPerSecond,
    int kvCacheBlocks,
    int maxConcurrency,
    int maxQueue,
    double inputPricePerMillion,
    double outputPricePerMillion) {

  /** The region part of {@link #locality}. */
  public String region() {
    int slash = locality.indexOf('/');
    return slash < 0 ? locality : locality.substring(0, slash);
  }
}
