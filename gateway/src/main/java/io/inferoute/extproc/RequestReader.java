package io.inferoute.extproc;

import com.google.protobuf.ByteString;
import io.inferoute.policy.AffinitySettings;
import io.inferoute.policy.Locality;
import io.inferoute.policy.RouteSpec;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.request.InferenceBody;
import io.inferoute.request.InferenceBodyParser;
import io.inferoute.request.MalformedBodyException;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Envoy sent (headers, maybe a body) into a {@link RoutingRequest}. Shared by all
 * streams; thread-safe.
 */
final class RequestReader {
  private final RoutingEngine engine;
  private final ExtProcSettings settings;
  private volatile ParserForPolicy parser;

  RequestReader(RoutingEngine engine, ExtProcSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.parser = new ParserForPolicy(engine.policy());
  }

  /** A request routed from headers alone: the model comes from the configured model header. */
  RoutingRequest fromHeaders(EnvoyHeaders headers, @Nullable Set<String> subset)
      throws MalformedBodyException {
    String model = headers.get(settings.modelHeader());
    if (model == null || model.isEmpty()) {
      throw new MalformedBodyException("model: missing (expected: a JSON body with \"model\" or"
          + " the " + settings.modelHeader() + " header)");
    }
    return new RoutingRequest(model, path(headers), headers, "", 0,
        RoutingRequest.DEFAULT_MAX_OUTPUT_TOKENS, origin(headers), subset);
  }

  /** A request routed from its JSON body (the model header is the fallback for the model). */
  RoutingRequest fromBody(EnvoyHeaders headers, ByteString body, @Nullable Set<String> subset)
      throws MalformedBodyException {
    InferenceBody parsed = parser().parse(body);
    String model = parsed.model();
    if (model == null || model.isEmpty()) {
      model = headers.get(settings.modelHeader());
    }
    if (model == null || model.isEmpty()) {
      throw new MalformedBodyException("model: missing (expected: a \"model\" field in the body)");
    }
    int tokens = RoutingRequest.estimateTokens((int) Math.min(Integer.MAX_VALUE - 3,
        parsed.promptChars()));
    int maxOutput = parsed.maxTokens() >= 0
        ? parsed.maxTokens() : RoutingRequest.DEFAULT_MAX_OUTPUT_TOKENS;
    return new RoutingRequest(model, path(headers), headers, parsed.promptPrefix(), tokens,
        maxOutput, origin(headers), subset);
  }

  private ParserForPolicy parser() {
    ParserForPolicy p = parser;
    RoutingPolicy current = engine.policy();
    if (p.policy != current) {
      p = new ParserForPolicy(current);
      parser = p;
    }
    return p;
  }

  private static String path(EnvoyHeaders headers) {
    String path = headers.get(":path");
    return path == null ? "/" : path;
  }

  private Locality origin(EnvoyHeaders headers) {
    String name = settings.originHeader();
    String value = name == null ? null : headers.get(name);
    if (value == null || value.isEmpty()) {
      return Locality.UNKNOWN;
    }
    try {
      return Locality.parse(value.trim());
    } catch (IllegalArgumentException e) {
      return Locality.UNKNOWN; // a garbled origin must not fail the request
    }
  }

  /** A parser whose prompt limit covers the largest affinity window of one policy. */
  private static final class ParserForPolicy {
    final RoutingPolicy policy;
    final InferenceBodyParser parser;
    final int window;

    ParserForPolicy(RoutingPolicy policy) {
      this.policy = policy;
      long max = window(policy.defaultRoute().affinity());
      for (RouteSpec r : policy.routes()) {
        max = Math.max(max, window(r.affinity()));
      }
      this.window = (int) Math.min(max, 1 << 24);
      this.parser = new InferenceBodyParser(window);
    }

    private static long window(AffinitySettings a) {
      return (long) a.blockChars() * a.maxBlocks();
    }

    /**
     * One copy out of the ByteString (which does not lend its array) buys the byte-array parse:
     * prompt text past the affinity window is then counted, not decoded. The copy goes into a
     * per-thread buffer, so a body costs a memory copy but no allocation (a 4 KB body's
     * {@code toByteArray()} was a quarter of the handler's garbage).
     */
    InferenceBody parse(ByteString body) throws MalformedBodyException {
      int length = body.size();
      if (length > RETAINED_BUFFER || window > RETAINED_PROMPT) {
        byte[] bytes = new byte[length];
        body.copyTo(bytes, 0);
        return parser.parse(bytes, 0, length);
      }
      PerThread mine = PER_THREAD.get();
      body.copyTo(mine.body, 0);
      return parser.parse(mine.body, 0, length, mine.prompt);
    }
  }

  /** Bodies up to this size are copied into a per-thread buffer kept for the next one. */
  static final int RETAINED_BUFFER = 256 << 10;
  /** Prompt windows up to this many characters are decoded into a per-thread builder. */
  static final int RETAINED_PROMPT = 64 << 10;

  private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

  /**
   * A thread's body copy and prompt builder, reused request after request. Safe because a stream
   * parses, decides and drops its {@link RoutingRequest} within one callback on this thread: the
   * request's prompt (this builder) is not read after {@link Placer#place} returns.
   */
  private static final class PerThread {
    final byte[] body = new byte[RETAINED_BUFFER];
    final StringBuilder prompt = new StringBuilder(4_096);
  }
}
