package io.inferoute.sim;

import io.inferoute.policy.Locality;
import io.inferoute.policy.RttTable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one simulated model server.
 *
 * <p>Time to first token = queue wait + prefill of the prompt tokens not found in the KV cache ÷
 * {@code prefillTokensPerSecond} + {@code tierDelay}; each further token takes 1 ÷ {@code
 * decodeTokensPerSecond}. Every simulated duration is divided by {@code speedUp}, so tests run the
 * same model faster. Prompt tokens are counted as one per four characters (rounded up); the KV cache
 * holds prefix blocks of 64 characters (16 tokens).
 *
 * <p>With a {@code locality} and an {@code rtt} table, a request whose {@value #ORIGIN_HEADER}
 * header names its origin ({@code region/zone}) gets the round trip for the proximity of that
 * origin to this endpoint instead of {@code tierDelay}, as a client at that site would see.
 *
 * @param name a unique name, used as the endpoint name
 * @param port TCP port on 127.0.0.1; 0 picks a free one at the first start
 * @param models the model names served; the first is the {@code model_name} label of its metrics
 * @param tierDelay network delay to its tier, added once to each TTFT
 * @param prefillTokensPerSecond prefill speed
 * @param decodeTokensPerSecond decode speed
 * @param kvCacheBlocks KV-cache capacity in 64-character prefix blocks
 * @param maxConcurrency requests run at once
 * @param maxQueue requests waiting beyond maxConcurrency; more are refused with 429
 * @param speedUp divides every simulated duration (1 = real time)
 * @param errors the faults injected from the start (changeable at runtime)
 * @param locality where this endpoint runs, or null to always add {@code tierDelay}
 * @param rtt the round trip by proximity of a request's origin, or null to always add {@code
 *     tierDelay}
 */
public record SimulatedEndpoint(
    String name,
    int port,
    Set<String> models,
    Duration tierDelay,
    double prefillTokensPerSecond,
    double decodeTokensPerSecond,
    int kvCacheBlocks,
    int maxConcurrency,
    int maxQueue,
    double speedUp,
    ErrorInjection errors,
    @Nullable Locality locality,
    @Nullable RttTable rtt) {

  /** Output tokens when a request sets no {@code max_tokens}. */
  public static final int DEFAULT_MAX_TOKENS = 64;

  /** Characters per KV-cache block, as the router's prefix hashing uses by default. */
  public static final int BLOCK_CHARS = 64;

  /** Characters counted as one token. */
  public static final int CHARS_PER_TOKEN = 4;

  /** The request header naming the client's locality, as the gateway's origin header does. */
  public static final String ORIGIN_HEADER = "x-client-locality";

  public SimulatedEndpoint {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: a non-blank name)");
    }
    require("port", port, port >= 0 && port <= 65535, "0..65535");
    models = Set.copyOf(new TreeSet<>(models));
    if (models.isEmpty()) {
      throw new IllegalArgumentException("models: [] (expected: at least one model)");
    }
    if (tierDelay.isNegative()) {
      throw new IllegalArgumentException("tierDelay: " + tierDelay + " (expected: >= 0)");
    }
    require("prefillTokensPerSecond", prefillTokensPerSecond, prefillTokensPerSecond > 0, "> 0");
    require("decodeTokensPerSecond", decodeTokensPerSecond, decodeTokensPerSecond > 0, "> 0");
    require("kvCacheBlocks", kvCacheBlocks, kvCacheBlocks >= 0, ">= 0");
    require("maxConcurrency", maxConcurrency, maxConcurrency >= 1, ">= 1");
    require("maxQueue", maxQueue, maxQueue >= 0, ">= 0");
    require("speedUp", speedUp, speedUp > 0 && !Double.isInfinite(speedUp), "a finite number > 0");
    Objects.requireNonNull(errors, "errors");
  }

  /** A server that always adds {@code tierDelay}, whatever the request's origin. */
  public SimulatedEndpoint(String name, int port, Set<String> models, Duration tierDelay,
      double prefillTokensPerSecond, double decodeTokensPerSecond, int kvCacheBlocks,
      int maxConcurrency, int maxQueue, double speedUp, ErrorInjection errors) {
    this(name, port, models, tierDelay, prefillTokensPerSecond, decodeTokensPerSecond,
        kvCacheBlocks, maxConcurrency, maxQueue, speedUp, errors, null, null);
  }

  /** A builder with demo-like defaults; name is required, and at least one model. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The first model name in sorted order; labels the metrics. */
  public String primaryModel() {
    return new TreeSet<>(models).first();
  }

  /** This configuration on another port (e.g. the one picked for port 0). */
  public SimulatedEndpoint withPort(int port) {
    return new SimulatedEndpoint(name, port, models, tierDelay, prefillTokensPerSecond,
        decodeTokensPerSecond, kvCacheBlocks, maxConcurrency, maxQueue, speedUp, errors, locality,
        rtt);
  }

  /**
   * The network delay added to the TTFT of a request from {@code origin}: the round trip for its
   * proximity when this endpoint has a locality and an RTT table and {@code origin} parses as a
   * locality, else {@code tierDelay}.
   *
   * @param origin the request's {@value #ORIGIN_HEADER} header, or null when absent
   */
  public Duration networkDelay(@Nullable String origin) {
    if (locality == null || rtt == null || origin == null || origin.isBlank()) {
      return tierDelay;
    }
    try {
      return rtt.of(Locality.parse(origin.trim()).proximity(locality));
    } catch (IllegalArgumentException e) {
      return tierDelay; // a malformed header is an unknown origin
    }
  }

  private static void require(String field, Object value, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
    }
  }

  /** Builds a {@link SimulatedEndpoint}. */
  public static final class Builder {
    private final String name;
    private int port;
    private Set<String> models = Set.of();
    private Duration tierDelay = Duration.ZERO;
    private double prefill = 5_000;
    private double decode = 50;
    private int kvCacheBlocks = 4_096;
    private int maxConcurrency = 64;
    private int maxQueue = 128;
    private double speedUp = 1;
    private ErrorInjection errors = ErrorInjection.NONE;
    private @Nullable Locality locality;
    private @Nullable RttTable rtt;

    private Builder(String name) {
      this.name = name;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder models(String... models) {
      this.models = Set.of(models);
      return this;
    }

    public Builder tierDelay(Duration tierDelay) {
      this.tierDelay = tierDelay;
      return this;
    }

    public Builder speeds(double prefillTokensPerSecond, double decodeTokensPerSecond) {
      this.prefill = prefillTokensPerSecond;
      this.decode = decodeTokensPerSecond;
      return this;
    }

    public Builder kvCacheBlocks(int kvCacheBlocks) {
      this.kvCacheBlocks = kvCacheBlocks;
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

    public Builder speedUp(double speedUp) {
      this.speedUp = speedUp;
      return this;
    }

    public Builder errors(ErrorInjection errors) {
      this.errors = errors;
      return this;
    }

    /** Where the server runs and the round trip by proximity of a request's origin to it. */
    public Builder locality(Locality locality, RttTable rtt) {
      this.locality = Objects.requireNonNull(locality, "locality");
      this.rtt = Objects.requireNonNull(rtt, "rtt");
      return this;
    }

    public SimulatedEndpoint build() {
      return new SimulatedEndpoint(name, port, models, tierDelay, prefill, decode, kvCacheBlocks,
          maxConcurrency, maxQueue, speedUp, errors, locality, rtt);
    }
  }
}
