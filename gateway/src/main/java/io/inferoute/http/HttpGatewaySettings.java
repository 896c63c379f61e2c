package io.inferoute.http;

import io.inferoute.policy.Locality;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP gateway listens, reads requests, fails over and sheds load.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one
 * @param bodyLimitBytes largest request body accepted; larger ones get 413 while being read
 * @param originHeader header set by the site's edge proxy naming the client's locality
 *     ({@code region/zone/subzone})
 * @param defaultOrigin the origin of requests without a valid {@code originHeader}
 * @param maxAttempts attempts per request across the placement's endpoints, first one included
 * @param retryBudgetPercent retries allowed while active retries stay below this share of active
 *     requests (Envoy's retry budget)
 * @param minRetryConcurrency retries always allowed at once whatever the budget (Envoy: 3)
 * @param defaultTimeout a request's deadline when its route sets none
 * @param connectTimeout longest wait for an upstream connection
 * @param interactiveQueueSize interactive requests that may wait for a slot when all candidates
 *     are saturated; 0 disables waiting
 * @param interactiveQueueWait longest such wait before a 429
 * @param retryAfterSeconds the {@code Retry-After} of a 429 the gateway sends
 * @param maxPromptChars prompt characters read for prefix affinity
 * @param eventLoops event loops serving connections, each with its own upstream pools
 * @param upstreamMaxConnections HTTP/1.1 connections per endpoint and event loop
 * @param upstreamHttp2 speak h2c (prior knowledge) to endpoints instead of HTTP/1.1
 */
public record HttpGatewaySettings(
    String host,
    int port,
    int bodyLimitBytes,
    String originHeader,
    Locality defaultOrigin,
    int maxAttempts,
    int retryBudgetPercent,
    int minRetryConcurrency,
    Duration defaultTimeout,
    Duration connectTimeout,
    int interactiveQueueSize,
    Duration interactiveQueueWait,
    int retryAfterSeconds,
    int maxPromptChars,
    int eventLoops,
    int upstreamMaxConnections,
    boolean upstreamHttp2) {

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default body limit, 4 MiB. */
  public static final int DEFAULT_BODY_LIMIT_BYTES = 4 << 20;

  /** The default origin header. */
  public static final String DEFAULT_ORIGIN_HEADER = "x-client-locality";

  public HttpGatewaySettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(defaultOrigin, "defaultOrigin");
    require("port", port, port >= 0 && port <= 65535, "0..65535");
    require("bodyLimitBytes", bodyLimitBytes, bodyLimitBytes >= 1, ">= 1");
    require("originHeader", originHeader, !originHeader.isBlank()
        && originHeader.equals(originHeader.toLowerCase(java.util.Locale.ROOT)), "a lower-case header name");
    require("maxAttempts", maxAttempts, maxAttempts >= 1 && maxAttempts <= 10, "1..10");
    require("retryBudgetPercent", retryBudgetPercent, retryBudgetPercent >= 0 && retryBudgetPercent <= 100, "0..100");
    require("minRetryConcurrency", minRetryConcurrency, minRetryConcurrency >= 0, ">= 0");
    require("defaultTimeout", defaultTimeout, positive(defaultTimeout), "> 0");
    require("connectTimeout", connectTimeout, positive(connectTimeout), "> 0");
    require("interactiveQueueSize", interactiveQueueSize, interactiveQueueSize >= 0, ">= 0");
    require("interactiveQueueWait", interactiveQueueWait, !interactiveQueueWait.isNegative()
        && interactiveQueueWait.compareTo(Duration.ofSeconds(10)) <= 0, "0..10 s (a short wait)");
    require("retryAfterSeconds", retryAfterSeconds, retryAfterSeconds >= 1, ">= 1");
    require("maxPromptChars", maxPromptChars, maxPromptChars >= 0, ">= 0");
    require("eventLoops", eventLoops, eventLoops >= 1, ">= 1");
    require("upstreamMaxConnections", upstreamMaxConnections, upstreamMaxConnections >= 1, ">= 1");
  }

  /** The defaults: port 8080, 4 MiB, 3 attempts, a 20% retry budget, 5 min deadline. */
  public static HttpGatewaySettings defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static void require(String name, Object value, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
  }

  /** Builds {@link HttpGatewaySettings}; every field starts at its default. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES;
    private String originHeader = DEFAULT_ORIGIN_HEADER;
    private Locality defaultOrigin = Locality.UNKNOWN;
    private int maxAttempts = 3;
    private int retryBudgetPercent = 20;
    private int minRetryConcurrency = 3;
    private Duration defaultTimeout = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private int interactiveQueueSize = 64;
    private Duration interactiveQueueWait = Duration.ofMillis(250);
    private int retryAfterSeconds = 1;
    private int maxPromptChars = 16_384;
    private int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int upstreamMaxConnections = 256;
    private boolean upstreamHttp2;

    private Builder() {}

    private Builder(HttpGatewaySettings s) {
      host = s.host;
      port = s.port;
      bodyLimitBytes = s.bodyLimitBytes;
      originHeader = s.originHeader;
      defaultOrigin = s.defaultOrigin;
      maxAttempts = s.maxAttempts;
      retryBudgetPercent = s.retryBudgetPercent;
      minRetryConcurrency = s.minRetryConcurrency;
      defaultTimeout = s.defaultTimeout;
      connectTimeout = s.connectTimeout;
      interactiveQueueSize = s.interactiveQueueSize;
      interactiveQueueWait = s.interactiveQueueWait;
      retryAfterSeconds = s.retryAfterSeconds;
      maxPromptChars = s.maxPromptChars;
      eventLoops = s.eventLoops;
      upstreamMaxConnections = s.upstreamMaxConnections;
      upstreamHttp2 = s.upstreamHttp2;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder bodyLimitBytes(int bodyLimitBytes) {
      this.bodyLimitBytes = bodyLimitBytes;
      return this;
    }

    public Builder originHeader(String originHeader) {
      this.originHeader = originHeader;
      return this;
    }

    public Builder defaultOrigin(Locality defaultOrigin) {
      this.defaultOrigin = defaultOrigin;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder retryBudget(int percent, int minConcurrency) {
      this.retryBudgetPercent = percent;
      this.minRetryConcurrency = minConcurrency;
      return this;
    }

    public Builder defaultTimeout(Duration defaultTimeout) {
      this.defaultTimeout = defaultTimeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder interactiveQueue(int size, Duration wait) {
      this.interactiveQueueSize = size;
      this.interactiveQueueWait = wait;
      return this;
    }

    public Builder retryAfterSeconds(int retryAfterSeconds) {
      this.retryAfterSeconds = retryAfterSeconds;
      return this;
    }

    public Builder maxPromptChars(int maxPromptChars) {
      this.maxPromptChars = maxPromptChars;
      return this;
    }

    public Builder eventLoops(int eventLoops) {
      this.eventLoops = eventLoops;
      return this;
    }

    public Builder upstreamMaxConnections(int upstreamMaxConnections) {
      this.upstreamMaxConnections = upstreamMaxConnections;
      return this;
    }

    public Builder upstreamHttp2(boolean upstreamHttp2) {
      this.upstreamHttp2 = upstreamHttp2;
      return this;
    }

    public HttpGatewaySettings build() {
      return new HttpGatewaySettings(host, port, bodyLimitBytes, originHeader, defaultOrigin,
          maxAttempts, retryBudgetPercent, minRetryConcurrency, defaultTimeout, connectTimeout,
          interactiveQueueSize, interactiveQueueWait, retryAfterSeconds, maxPromptChars,
          eventLoops, upstreamMaxConnections, upstreamHttp2);
    }
  }
}
