package io.inferoute.extproc;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.Decision;
import io.inferoute.routing.Placement;
import io.inferoute.routing.RejectReason;
import io.inferoute.routing.Rejection;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Asks the engine, takes the in-flight slot and writes the answer Envoy needs. Shared by all
 * streams; thread-safe.
 */
final class Placer {
  static final String TIER_HEADER = "x-inferoute-tier";
  static final String DECISION_HEADER = "x-inferoute-decision";

  private final RoutingEngine engine;
  private final ExtProcSettings settings;
  // Decision ids: a random per-process prefix and a counter, unique without coordination.
  private final String idPrefix =
      Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000) + "-";
  private final AtomicLong ids = new AtomicLong();
  private final AnswerCache answers = new AnswerCache();

  Placer(RoutingEngine engine, ExtProcSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  /**
   * What to send Envoy for a request: a header mutation that places it, or an immediate error.
   *
   * @param bodyLength the length of a body sent back in full-duplex mode (Content-Length must
   *     match what Envoy forwards), or -1 when the body is not re-sent
   */
  Placed place(RoutingRequest request, EnvoyHeaders clientHeaders, long bodyLength) {
    Decision decision = engine.decide(request);
    if (decision instanceof Rejection r) {
      return Placed.rejected(Answers.reject(r.reason(), r.message()));
    }
    Placement p = (Placement) decision;
    String id = idPrefix + Long.toHexString(ids.incrementAndGet());
    long now = engine.ticker().read();
    if (settings.poolMode()) {
      // Envoy picks the endpoint inside the tier: nothing to count until it says which one served.
      HeaderMutation.Builder m = mutation(clientHeaders, settings.poolHeader())
          .addSetHeaders(Answers.set(settings.poolHeader(), p.primary().spec().tier()));
      return Placed.placed(null, finish(m, p.primary(), id, bodyLength), null, now);
    }
    Endpoint chosen = dispatchFirst(p);
    if (chosen == null) {
      return Placed.rejected(Answers.reject(RejectReason.NO_ELIGIBLE_ENDPOINT,
          "no endpoint for model \"" + request.model() + "\" accepts a request now"
              + " (circuit breakers are probing)"));
    }
    // The usual case, the primary took the request, reuses the prebuilt envoy.lb metadata.
    Struct metadata = chosen == p.primary() ? answers.metadata(p)
        : Answers.lbMetadata(destinations(p, chosen));
    HeaderMutation.Builder m = mutation(clientHeaders, EnvoyHeaders.DESTINATION)
        .addSetHeaders(answers.destination(chosen));
    return Placed.placed(new Attempt(engine, chosen, now), finish(m, chosen, id, bodyLength),
        metadata, now);
  }

  /** Answers request headers before the decision: only removes what clients must not send. */
  ProcessingResponse stripOnly(EnvoyHeaders clientHeaders) {
    HeaderMutation.Builder m = mutation(clientHeaders, null);
    return m.getRemoveHeadersCount() == 0 ? Answers.EMPTY_REQUEST_HEADERS
        : Answers.requestHeaders(CommonResponse.newBuilder().setHeaderMutation(m).build());
  }

  private CommonResponse finish(HeaderMutation.Builder m, Endpoint e, String id, long bodyLength) {
    m.addSetHeaders(answers.tier(e))
        .addSetHeaders(Answers.set(DECISION_HEADER, id));
    if (bodyLength >= 0) {
      m.addSetHeaders(Answers.set("content-length", Long.toString(bodyLength)));
    }
    return CommonResponse.newBuilder().setHeaderMutation(m).setClearRouteCache(true).build();
  }

  /** Removes every reserved header the client sent, except {@code overwritten} (set anyway). */
  private static HeaderMutation.Builder mutation(EnvoyHeaders client, @Nullable String overwritten) {
    HeaderMutation.Builder m = HeaderMutation.newBuilder();
    if (!client.hasReserved()) {
      return m; // the usual case: no lambda, no list scan
    }
    client.forEachReserved(name -> {
      if (!name.equals(overwritten) && !name.equals(TIER_HEADER) && !name.equals(DECISION_HEADER)
          && !m.getRemoveHeadersList().contains(name)) {
        m.addRemoveHeaders(name);
      }
    });
    return m;
  }

  /** The primary, or the first fallback whose breaker takes the request; null when none does. */
  private @Nullable Endpoint dispatchFirst(Placement p) {
    if (engine.dispatched(p.primary())) {
      return p.primary();
    }
    for (int i = 0, n = p.fallbackCount(); i < n; i++) {
      if (engine.dispatched(p.fallback(i))) {
        return p.fallback(i);
      }
    }
    return null;
  }

  /** Primary-first list; when a fallback had to stand in, it leads and the rest keep their order. */
  private static String destinations(Placement p, Endpoint chosen) {
    if (chosen == p.primary()) {
      return p.destinations();
    }
    StringBuilder sb = new StringBuilder(chosen.address());
    if (p.primary() != chosen) {
      sb.append(',').append(p.primary().address());
    }
    for (int i = 0, n = p.fallbackCount(); i < n; i++) {
      if (p.fallback(i) != chosen) {
        sb.append(',').append(p.fallback(i).address());
      }
    }
    return sb.toString();
  }

  /**
   * A decision ready to send.
   *
   * @param attempt the dispatched request to watch, or null (pool mode, or rejected)
   * @param common the header mutation with {@code clear_route_cache}, or null when rejected
   * @param metadata the {@code envoy.lb} dynamic metadata, or null
   * @param rejection the immediate response, or null when placed
   * @param decidedAt ticker time of the decision
   */
  record Placed(@Nullable Attempt attempt, @Nullable CommonResponse common,
      @Nullable Struct metadata, @Nullable ProcessingResponse rejection, long decidedAt) {
    static Placed rejected(ProcessingResponse rejection) {
      return new Placed(null, null, null, rejection, -1);
    }

    static Placed placed(@Nullable Attempt attempt, CommonResponse common,
        @Nullable Struct metadata, long decidedAt) {
      return new Placed(attempt, common, metadata, null, decidedAt);
    }
  }
}
