package io.inferoute.envoy;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor.RouteCacheAction;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules on an ext_proc filter config that parsing into the proto does not check.
 *
 * <p>Two kinds: what Envoy's filter factory rejects when it loads the config
 * ({@code source/extensions/filters/http/ext_proc/config.cc}, {@code verifyProcessingModeConfig},
 * and the proto's validate annotations), and one portability rule of this project: fail open is
 * not combined with FULL_DUPLEX_STREAMED, because Envoy 1.35.0 rejected the combination
 * (envoyproxy/envoy#39740) and later versions honour it only until the first body chunk was sent
 * (envoyproxy/envoy#41276).
 */
final class ExtProcConfigRules {

  private static final long MAX_TIMEOUT_SECONDS = 3600;

  private ExtProcConfigRules() {}

  /** Every rule the config breaks, as {@code name: value (expected: …)}; empty when it is valid. */
  static List<String> violations(ExternalProcessor config) {
    List<String> out = new ArrayList<>();
    checkService(config, out);
    checkFullDuplex(config.getProcessingMode(), out);
    checkFailOpen(config, out);
    checkRouteCache(config, out);
    checkTimeouts(config, out);
    return out;
  }

  private static void checkService(ExternalProcessor config, List<String> out) {
    if (config.hasGrpcService() == config.hasHttpService()) {
      out.add("grpc_service/http_service: " + (config.hasGrpcService() ? "both" : "neither")
          + " (expected: exactly one)");
    }
  }

  private static void checkFullDuplex(ProcessingMode mode, List<String> out) {
    if (mode.getRequestBodyMode() == BodySendMode.FULL_DUPLEX_STREAMED
        && mode.getRequestTrailerMode() != HeaderSendMode.SEND) {
      out.add("request_trailer_mode: " + mode.getRequestTrailerMode()
          + " (expected: SEND with request_body_mode FULL_DUPLEX_STREAMED)");
    }
    if (mode.getResponseBodyMode() == BodySendMode.FULL_DUPLEX_STREAMED
        && mode.getResponseTrailerMode() != HeaderSendMode.SEND) {
      out.add("response_trailer_mode: " + mode.getResponseTrailerMode()
          + " (expected: SEND with response_body_mode FULL_DUPLEX_STREAMED)");
    }
  }

  private static void checkFailOpen(ExternalProcessor config, List<String> out) {
    ProcessingMode mode = config.getProcessingMode();
    boolean fullDuplex = mode.getRequestBodyMode() == BodySendMode.FULL_DUPLEX_STREAMED
        || mode.getResponseBodyMode() == BodySendMode.FULL_DUPLEX_STREAMED;
    if (fullDuplex && config.getFailureModeAllow()) {
      out.add("failure_mode_allow: true (expected: false with FULL_DUPLEX_STREAMED;"
          + " fail open needs BUFFERED or STREAMED bodies to work on every Envoy version)");
    }
  }

  private static void checkRouteCache(ExternalProcessor config, List<String> out) {
    if (config.getDisableClearRouteCache()
        && config.getRouteCacheAction() != RouteCacheAction.DEFAULT) {
      out.add("disable_clear_route_cache: true with route_cache_action "
          + config.getRouteCacheAction() + " (expected: only one of them)");
    }
  }

  private static void checkTimeouts(ExternalProcessor config, List<String> out) {
    if (config.getMessageTimeout().getSeconds() > MAX_TIMEOUT_SECONDS
        || config.getMessageTimeout().getSeconds() < 0) {
      out.add("message_timeout: " + config.getMessageTimeout().getSeconds()
          + "s (expected: 0..3600s)");
    }
    if (config.getMaxMessageTimeout().getSeconds() > MAX_TIMEOUT_SECONDS
        || config.getMaxMessageTimeout().getSeconds() < 0) {
      out.add("max_message_timeout: " + config.getMaxMessageTimeout().getSeconds()
          + "s (expected: 0..3600s)");
    }
  }
}
