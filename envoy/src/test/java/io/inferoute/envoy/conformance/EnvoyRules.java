package io.inferoute.envoy.conformance;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import java.util.Locale;
import java.util.Map;

/**
 * What Envoy's ext_proc filter checks in an answer before it applies it (MutationUtils, the
 * header mutation checker with the bootstrap's {@code mutation_rules}, ProcessorState). A
 * violation is what Envoy would turn into a failed stream, i.e. a 500 with fail-closed.
 */
final class EnvoyRules {
  /** Envoy's limit on header mutations in one answer. */
  static final int MAX_MUTATIONS = 100;

  private EnvoyRules() {}

  /** Checks and applies a header mutation to {@code headers} (removes first, then sets). */
  static void apply(HeaderMutation m, Map<String, String> headers) {
    if (m.getSetHeadersCount() + m.getRemoveHeadersCount() > MAX_MUTATIONS) {
      throw violation("more than " + MAX_MUTATIONS + " header mutations in one answer");
    }
    for (String name : m.getRemoveHeadersList()) {
      checkName(name);
      headers.remove(name);
    }
    for (HeaderValueOption o : m.getSetHeadersList()) {
      String name = o.getHeader().getKey();
      checkName(name);
      if (!o.getHeader().getValue().isEmpty()) {
        throw violation("header " + name + " sets value; only raw_value may be set");
      }
      String value = o.getHeader().getRawValue().toStringUtf8();
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf(0) >= 0) {
        throw violation("header " + name + " has an invalid value");
      }
      boolean append = o.getAppendAction() == HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD
          && !o.hasAppend() || o.hasAppend() && o.getAppend().getValue();
      headers.merge(name, value, (old, v) -> append ? old + "," + v : v);
    }
  }

  /** {@code mutation_rules: {disallow_system: true, allow_envoy: false}} and lower-case names. */
  private static void checkName(String name) {
    if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
      throw violation("header name \"" + name + "\" is not lower case");
    }
    if (name.startsWith(":") || name.equals("host")) {
      throw violation("system header " + name + " mutated (disallow_system: true)");
    }
    if (name.startsWith("x-envoy-")) {
      throw violation("header " + name + " mutated (allow_envoy: false)");
    }
  }

  /** The body-mutation kind must match the configured mode. */
  static void checkBodyKind(CommonResponse common, BodySendMode mode) {
    boolean streamed = common.hasBodyMutation() && common.getBodyMutation().hasStreamedResponse();
    if (mode == BodySendMode.FULL_DUPLEX_STREAMED && !streamed) {
      throw violation("spurious message: Normal body mutation response is received while"
          + " body_mode_ is FULL_DUPLEX_STREAMED");
    }
    if (mode != BodySendMode.FULL_DUPLEX_STREAMED && streamed) {
      throw violation("spurious message: streamed_response is received while body_mode_ is not"
          + " FULL_DUPLEX_STREAMED");
    }
    if (common.getStatus() == CommonResponse.ResponseStatus.CONTINUE_AND_REPLACE) {
      throw violation("CONTINUE_AND_REPLACE from an endpoint picker");
    }
  }

  static ProtocolViolation violation(String what) {
    return new ProtocolViolation(what);
  }

  /** An answer Envoy would reject: the stream fails and, failing closed, the client gets 500. */
  static final class ProtocolViolation extends RuntimeException {
    ProtocolViolation(String message) {
      super(message);
    }
  }
}
