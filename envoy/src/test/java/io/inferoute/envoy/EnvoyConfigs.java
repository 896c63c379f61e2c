package io.inferoute.envoy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.List;

/** Navigation over a parsed bootstrap: the pieces the contract tests look at. */
final class EnvoyConfigs {

  static final String HCM = "envoy.filters.network.http_connection_manager";
  static final String EXT_PROC = "envoy.filters.http.ext_proc";
  static final String HEADER_MUTATION = "envoy.filters.http.header_mutation";
  static final String ROUTER = "envoy.filters.http.router";
  static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
  static final String DESTINATION_HEADER = "x-gateway-destination-endpoint";
  static final String EXT_PROC_SERVICE = "envoy.service.ext_proc.v3.ExternalProcessor";

  private EnvoyConfigs() {}

  /** The HTTP connection manager of the bootstrap's only listener. */
  static HttpConnectionManager connectionManager(Bootstrap bootstrap) {
    List<Listener> listeners = bootstrap.getStaticResources().getListenersList();
    if (listeners.size() != 1) {
      throw new IllegalArgumentException("listeners: " + listeners.size() + " (expected: 1)");
    }
    for (Filter filter : listeners.get(0).getFilterChains(0).getFiltersList()) {
      if (filter.getName().equals(HCM)) {
        return unpack(filter.getTypedConfig(), HttpConnectionManager.class);
      }
    }
    throw new IllegalArgumentException("network filters: no " + HCM + " (expected: one)");
  }

  /** The names of the HTTP filters, in chain order. */
  static List<String> httpFilterNames(HttpConnectionManager hcm) {
    return hcm.getHttpFiltersList().stream().map(HttpFilter::getName).toList();
  }

  /** The ext_proc filter's config, unpacked from its Any (fails if the @type is another type). */
  static ExternalProcessor extProc(HttpConnectionManager hcm) {
    return unpack(httpFilter(hcm, EXT_PROC).getTypedConfig(), ExternalProcessor.class);
  }

  /** The named HTTP filter. */
  static HttpFilter httpFilter(HttpConnectionManager hcm, String name) {
    return hcm.getHttpFiltersList().stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("http_filters: no " + name));
  }

  /** The named static cluster. */
  static Cluster cluster(Bootstrap bootstrap, String name) {
    return bootstrap.getStaticResources().getClustersList().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("clusters: no " + name));
  }

  /** The cluster's upstream HTTP protocol options, unpacked. */
  static HttpProtocolOptions httpProtocolOptions(Cluster cluster) {
    Any any = cluster.getTypedExtensionProtocolOptionsMap().get(HTTP_PROTOCOL_OPTIONS);
    if (any == null) {
      throw new IllegalArgumentException(cluster.getName()
          + ".typed_extension_protocol_options: no " + HTTP_PROTOCOL_OPTIONS);
    }
    return unpack(any, HttpProtocolOptions.class);
  }

  /** Unpacks an Any into the expected type; a different type is an error. */
  static <M extends Message> M unpack(Any any, Class<M> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("@type: " + any.getTypeUrl() + " (expected: "
          + type.getSimpleName() + ")", e);
    }
  }
}
