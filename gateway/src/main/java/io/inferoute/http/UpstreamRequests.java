package io.inferoute.http;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.request.InferenceBody;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.scrape.OrcaHeaderParser;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What an exchange sends to the engine and to endpoints, and what it reads back from them. */
final class UpstreamRequests {
  private UpstreamRequests() {}

  /** The engine's view of a client request whose body parsed. */
  static RoutingRequest routingRequest(GatewayState gw, HttpServerRequest request, InferenceBody body) {
    int maxTokens = body.maxTokens() >= 0 ? body.maxTokens() : RoutingRequest.DEFAULT_MAX_OUTPUT_TOKENS;
    int promptChars = (int) Math.min(Integer.MAX_VALUE - 3, body.promptChars());
    return new RoutingRequest(Objects.requireNonNull(body.model(), "model"), request.path(),
        ForwardedHeaders.forRouting(request.headers()), body.promptPrefix(),
        RoutingRequest.estimateTokens(promptChars), maxTokens,
        gw.origin(request.getHeader(gw.settings.originHeader())), null);
  }

  /**
   * The request to {@code endpoint}: same method and URI, the client's headers minus reserved and
   * hop-by-hop ones, plus the decision id and the endpoint's tier.
   */
  static RequestOptions options(HttpServerRequest request, Endpoint endpoint, String decisionId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    ForwardedHeaders.copyRequestHeaders(request.headers(), headers);
    headers.set(ForwardedHeaders.DECISION, decisionId);
    headers.set(ForwardedHeaders.TIER, endpoint.spec().tier());
    return new RequestOptions()
        .setMethod(request.method())
        .setHost(endpoint.spec().address().host())
        .setPort(endpoint.spec().address().port())
        .setURI(request.uri())
        .setHeaders(headers);
  }

  /** Feeds an ORCA {@code endpoint-load-metrics} response header into the endpoint's load. */
  static void reportOrca(Endpoint endpoint, @Nullable String header) {
    if (header != null) {
      try {
        OrcaHeaderParser.parse(header).toLoadSample().reportTo(endpoint.telemetry());
      } catch (IllegalArgumentException ignored) {
        // A malformed report is dropped: the scraper still feeds this endpoint's load.
      }
    }
  }
}
