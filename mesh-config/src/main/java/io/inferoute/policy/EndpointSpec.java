package io.inferoute.policy;

import io.inferoute.internal.Checks;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One inference endpoint as the operator declares it.
 *
 * @param name unique within the policy
 * @param address where the model server listens
 * @param tier a tier named in {@link RoutingPolicy#tiers()}
 * @param locality where it runs
 * @param models the model names it serves
 * @param hardware accelerator labels (e.g. {@code nvidia-gpu}, {@code nvidia-l4}, {@code npu})
 * @param cost its price
 * @param maxConcurrency requests it runs at once; beyond this the router counts it saturated
 * @param maxQueue queued requests (reported by the server) beyond which it counts as saturated
 * @param prefillTokensPerSecond speed hint for predicted TTFT until measurements exist
 * @param decodeTokensPerSecond speed hint for time per output token
 * @param metrics where to scrape its load, or null when it is not scraped
 */
public record EndpointSpec(
    String name,
    HostPort address,
    String tier,
    Locality locality,
    Set<String> models,
    Set<String> hardware,
    Cost cost,
    int maxConcurrency,
    int maxQueue,
    double prefillTokensPerSecond,
    double decodeTokensPerSecond,
    @Nullable MetricsSource metrics) {

  /** Default concurrency when a policy does not say. */
  public static final int DEFAULT_MAX_CONCURRENCY = 64;

  /** Default queue limit when a policy does not say. */
  public static final int DEFAULT_MAX_QUEUE = 128;

  /** Default prefill speed hint, tokens/s. */
  public static final double DEFAULT_PREFILL_TOKENS_PER_SECOND = 5_000;

  /** Default decode speed hint, tokens/s. */
  public static final double DEFAULT_DECODE_TOKENS_PER_SECOND = 50;

  public EndpointSpec {
    Checks.name("endpoint.name", name);
    Checks.name("endpoint.tier", tier);
    models = Set.copyOf(Checks.names("endpoint.models", models));
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "endpoint " + name + ": models: [] (expected: at least one model)");
    }
    hardware = Set.copyOf(Checks.names("endpoint.hardware", hardware));
    Checks.atLeast("endpoint.maxConcurrency", maxConcurrency, 1);
    Checks.atLeast("endpoint.maxQueue", maxQueue, 0);
    Checks.positive("endpoint.prefillTokensPerSecond", prefillTokensPerSecond);
    Checks.positive("endpoint.decodeTokensPerSecond", decodeTokensPerSecond);
  }

  /** A builder with the defaults above; name, address, tier, locality and models are required. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Where and how to scrape an endpoint's load metrics. */
  public record MetricsSource(String url, String engine) {
    public MetricsSource {
      Checks.name("metrics.url", url);
      Checks.name("metrics.engine", engine);
    }
  }

  /** Builds an {@link EndpointSpec}; mainly for code and tests. */
  public static final class Builder {
    private final String name;
    private HostPort address = new HostPort("127.0.0.1", 8000);
    private String tier = "edge-gpu";
    private Locality locality = Locality.UNKNOWN;
    private Set<String> models = Set.of();
    private Set<String> hardware = Set.of();
    private Cost cost = Cost.FREE;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private int maxQueue = DEFAULT_MAX_QUEUE;
    private double prefill = DEFAULT_PREFILL_TOKENS_PER_SECOND;
    private double decode = DEFAULT_DECODE_TOKENS_PER_SECOND;
    private @Nullable MetricsSource metrics;

    private Builder(String name) {
      this.name = name;
    }

    public Builder address(String hostPort) {
      this.address = HostPort.parse(hostPort);
      return this;
    }

    public Builder tier(String tier) {
      this.tier = tier;
      return this;
    }

    public Builder locality(String locality) {
      this.locality = Locality.parse(locality);
      return this;
    }

    public Builder models(String... models) {
      this.models = Set.of(models);
      return this;
    }

    public Builder hardware(String... hardware) {
      this.hardware = Set.of(hardware);
      return this;
    }

    public Builder cost(double inputPerMillion, double outputPerMillion, double perRequest) {
      this.cost = new Cost(inputPerMillion, outputPerMillion, perRequest);
      return this;
    }

    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public Builder maxQueue(int maxQueue) {
      this.maxQueue = maxQueue;
      return this;
    }

    public Builder speeds(double prefillTokensPerSecond, double decodeTokensPerSecond) {
      this.prefill = prefillTokensPerSecond;
      this.decode = decodeTokensPerSecond;
      return this;
    }

    public Builder metrics(String url, String engine) {
      this.metrics = new MetricsSource(url, engine);
      return this;
    }

    public EndpointSpec build() {
      return new EndpointSpec(name, address, tier, locality, models, hardware, cost,
          maxConcurrency, maxQueue, prefill, decode, metrics);
    }
  }
}
