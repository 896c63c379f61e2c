package io.inferoute.http;

import io.inferoute.endpoint.Endpoint;
import io.inferoute.request.InferenceBody;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.scrape.OrcaHeaderParser;
import io.inferoute.policy.HostPort;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
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
   * Where and what to ask {@code endpoint}: same method and URI. The connect address is the
   * gateway's cached one (Vert.x would parse the host into a new address per request), and no
   * headers are set here: {@link #copyHeaders} writes them straight into the upstream request,
   * where options' headers would be one more map copied into it.
   */
  static RequestOptions options(HttpServerRequest request, Endpoint endpoint, SocketAddress server) {
    HostPort address = endpoint.spec().address();
    return new RequestOptions()
        .setMethod(request.method())
        .setServer(server)
        .setHost(address.host())
        .setPort(address.port())
        .setURI(request.uri());
  }

  /**
   * The headers to {@code endpoint}: the client's minus reserved and hop-by-hop ones, plus the
   * decision id and the endpoint's tier.
   */
  static void copyHeaders(HttpServerRequest request, HttpClientRequest upstream, Endpoint endpoint,
      String decisionId) {
    MultiMap headers = upstream.headers();
    ForwardedHeaders.copyRequestHeaders(request.headers(), headers);
    headers.set(ForwardedHeaders.DECISION, decisionId);
    headers.set(ForwardedHeaders.TIER, endpoint.spec().tier());
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
