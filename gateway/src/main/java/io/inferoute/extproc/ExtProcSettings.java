package io.inferoute.extproc;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the ext_proc server listens and reads requests.
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0}
 * @param port the gRPC port (0 picks a free one, for tests)
 * @param bodyLimitBytes the largest request body read for routing; a larger one is answered 413
 * @param modelHeader the header naming the model when the body is not sent to the processor
 * @param originHeader a header, set by the ingress itself (never by clients), holding the
 *     request's origin locality as {@code region/zone/subzone}; null means the origin is unknown
 * @param poolMode answer with a header naming the chosen tier instead of an endpoint
 * @param poolHeader the header that names the tier in pool mode
 * @param assumedRequestBodyMode the request body mode to assume when Envoy does not say (Envoy
 *     sends its modes in {@code protocol_config} on the first message since 1.33)
 * @param drainTimeout how long {@link ExtProcServer#stop()} waits for in-flight streams
 * @param certChain server certificate chain (PEM) for TLS, or null for plaintext
 * @param privateKey the certificate's private key (PEM), or null for plaintext
 * @param clientCa CA bundle (PEM) that client certificates must chain to (mTLS), or null
 */
public record ExtProcSettings(
    String host,
    int port,
    int bodyLimitBytes,
    String modelHeader,
    @Nullable String originHeader,
    boolean poolMode,
    String poolHeader,
    BodySendMode assumedRequestBodyMode,
    Duration drainTimeout,
    @Nullable Path certChain,
    @Nullable Path privateKey,
    @Nullable Path clientCa) {

  /** The port Envoy configurations in this project point at. */
  public static final int DEFAULT_PORT = 9002;

  /** 4 MiB, the largest body read for routing by default. */
  public static final int DEFAULT_BODY_LIMIT = 4 << 20;

  public ExtProcSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("extproc.port: " + port + " (expected: 0..65535)");
    }
    if (bodyLimitBytes < 1 || bodyLimitBytes > (256 << 20)) {
      throw new IllegalArgumentException(
          "extproc.bodyLimit: " + bodyLimitBytes + " (expected: 1 byte .. 256 MiB)");
    }
    modelHeader = headerName("extproc.modelHeader", modelHeader);
    poolHeader = headerName("extproc.poolHeader", poolHeader);
    originHeader = originHeader == null ? null : headerName("extproc.originHeader", originHeader);
    if (originHeader != null && EnvoyHeaders.isReserved(originHeader)) {
      throw new IllegalArgumentException("extproc.originHeader: \"" + originHeader
          + "\" (expected: a header Inferoute does not strip; x-inferoute-* and"
          + " x-gateway-destination-endpoint* are removed from every request)");
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "extproc.drainTimeout: " + drainTimeout + " (expected: >= 0)");
    }
    if ((certChain == null) != (privateKey == null)) {
      throw new IllegalArgumentException("extproc.tls: certChain " + certChain + ", privateKey "
          + privateKey + " (expected: both or neither)");
    }
    if (clientCa != null && certChain == null) {
      throw new IllegalArgumentException(
          "extproc.tls.clientCa: " + clientCa + " (expected: only with certChain and privateKey)");
    }
    if (assumedRequestBodyMode == BodySendMode.UNRECOGNIZED) {
      throw new IllegalArgumentException("extproc.assumedRequestBodyMode: UNRECOGNIZED"
          + " (expected: NONE, STREAMED, BUFFERED, BUFFERED_PARTIAL or FULL_DUPLEX_STREAMED)");
    }
  }

  /** Port 9002 on all interfaces, 4 MiB bodies, model header {@code x-model}, plaintext. */
  public static ExtProcSettings defaults() {
    return new ExtProcSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_BODY_LIMIT, "x-model", null,
        false, "x-inferoute-pool", BodySendMode.BUFFERED, Duration.ofSeconds(30), null, null,
        null);
  }

  public ExtProcSettings withAddress(String host, int port) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  public ExtProcSettings withBodyLimit(int bodyLimitBytes) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  public ExtProcSettings withOriginHeader(@Nullable String originHeader) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  public ExtProcSettings withPoolMode(boolean poolMode) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  public ExtProcSettings withDrainTimeout(Duration drainTimeout) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  public ExtProcSettings withTls(Path certChain, Path privateKey, @Nullable Path clientCa) {
    return new ExtProcSettings(host, port, bodyLimitBytes, modelHeader, originHeader, poolMode,
        poolHeader, assumedRequestBodyMode, drainTimeout, certChain, privateKey, clientCa);
  }

  private static String headerName(String field, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.startsWith(":") || !lower.chars().allMatch(
        c -> c > ' ' && c < 127 && c != ':')) {
      throw new IllegalArgumentException(
          field + ": \"" + name + "\" (expected: an HTTP header name, not a pseudo-header)");
    }
    return lower;
  }
}
