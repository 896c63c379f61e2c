package io.inferoute.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.inferoute.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses Envoy YAML into Envoy's own v3 protos, the way Envoy reads its bootstrap.
 *
 * <p>YAML becomes JSON (Jackson), then {@link JsonFormat} merges it into the proto without
 * {@code ignoringUnknownFields}, so a misspelled field fails. Every {@code typed_config} is an
 * {@code Any} resolved through {@link #REGISTRY}: a type URL outside it fails too. The registry is
 * closed on purpose: a file that starts using a new extension must add its type here.
 */
final class EnvoyProtos {

  /** The message types that this module's files name in {@code @type}. */
  static final List<Descriptor> TYPED_CONFIG_TYPES = List.of(
      HttpConnectionManager.getDescriptor(),
      ExternalProcessor.getDescriptor(),
      HeaderMutation.getDescriptor(),
      Router.getDescriptor(),
      HttpProtocolOptions.getDescriptor(),
      UpstreamTlsContext.getDescriptor());

  /**
   * The type registry. {@code TypeRegistry.add} also registers the types of the imported files,
   * which are Envoy's core types; extension types are only present when listed above.
   */
  static final JsonFormat.TypeRegistry REGISTRY = JsonFormat.TypeRegistry.newBuilder()
      .add(TYPED_CONFIG_TYPES)
      .build();

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().usingTypeRegistry(REGISTRY);

  private EnvoyProtos() {}

  /** Reads an Envoy bootstrap YAML file. */
  static Bootstrap bootstrap(Path file) {
    return parse(TestFiles.readOne(file), Bootstrap.newBuilder());
  }

  /** Merges a JSON tree into the builder and builds it; throws on any unknown field or type. */
  @SuppressWarnings("unchecked")
  static <M extends Message> M parse(JsonNode json, Message.Builder builder) {
    try {
      PARSER.merge(json.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(builder.getDescriptorForType().getFullName() + ": "
          + e.getMessage() + " (expected: JSON of Envoy's v3 proto)", e);
    }
    return (M) builder.build();
  }

  /** The proto an Istio EnvoyFilter {@code patch.value} holds for an {@code applyTo} target. */
  static Message.Builder builderForApplyTo(String applyTo) {
    switch (applyTo) {
      case "HTTP_FILTER":
        return HttpFilter.newBuilder();
      case "CLUSTER":
        return Cluster.newBuilder();
      case "HTTP_ROUTE":
        return Route.newBuilder();
      default:
        throw new IllegalArgumentException(
            "applyTo: " + applyTo + " (expected: HTTP_FILTER, CLUSTER or HTTP_ROUTE)");
    }
  }
}
