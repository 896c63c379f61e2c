package io.inferoute.istio;

/**
 * The EnvoyFilter that inserts Inferoute as the ingress gateway's external processor; the content of
 * {@code envoy/istio/envoyfilter-ext-proc.yaml} (held there against Envoy's protos), with the
 * namespaces, cluster and virtual host as placeholders.
 *
 * <p>It strips client-supplied routing headers, calls Inferoute (ext_proc, fail open) before the
 * router, sends requests carrying {@code x-gateway-destination-endpoint} to an ORIGINAL_DST cluster,
 * and leaves the rest to the VirtualService route, balanced by the DestinationRule locality weights.
 */
final class EnvoyFilterTemplate {

  /** The resource up to its patches. */
  private static final String HEADER = """
      apiVersion: networking.istio.io/v1alpha3
      kind: EnvoyFilter
      metadata:
        name: inferoute-ext-proc
        namespace: ${gatewayNamespace}
      spec:
        workloadSelector:
          labels:
            istio: ingressgateway
        configPatches:
      """;

  /** The start of an HTTP-filter patch that inserts its value right before the router. */
  private static final String BEFORE_ROUTER = """
        - applyTo: HTTP_FILTER
          match:
            context: GATEWAY
            listener:
              filterChain:
                filter:
                  name: envoy.filters.network.http_connection_manager
                  subFilter:
                    name: envoy.filters.http.router
          patch:
            operation: INSERT_BEFORE
      """;

  /** Strips client-supplied routing headers. */
  private static final String HEADER_MUTATION = """
            value:
              name: envoy.filters.http.header_mutation
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation
                mutations:
                  request_mutations:
                  - remove: x-gateway-destination-endpoint
                  - remove: x-inferoute-pool
      """;

  /** Calls Inferoute, failing open. */
  private static final String EXT_PROC = """
            value:
              name: envoy.filters.http.ext_proc
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor
                stat_prefix: inferoute
                grpc_service:
                  envoy_grpc:
                    cluster_name: "${extProcCluster}"
                failure_mode_allow: true
                processing_mode:
                  request_header_mode: SEND
                  request_body_mode: BUFFERED
                  request_trailer_mode: SKIP
                  response_header_mode: SEND
                  response_body_mode: STREAMED
                  response_trailer_mode: SKIP
                message_timeout: 0.5s
                allow_mode_override: false
                route_cache_action: DEFAULT
                metadata_options:
                  receiving_namespaces:
                    untyped: [envoy.lb]
                mutation_rules:
                  disallow_system: true
                  allow_all_routing: false
                  allow_envoy: false
      """;

  /** The picked-endpoint route, its ORIGINAL_DST cluster and the ext_proc cluster's HTTP/2 options. */
  private static final String ROUTE_AND_CLUSTERS = """
        - applyTo: HTTP_ROUTE
          match:
            context: GATEWAY
            routeConfiguration:
              portNumber: ${routePort}
              vhost:
                name: "${virtualHost}"
          patch:
            operation: INSERT_FIRST
            value:
              name: inferoute_picked_endpoint
              match:
                prefix: /
                headers:
                - name: x-gateway-destination-endpoint
                  present_match: true
              route:
                cluster: inferoute_picked_endpoint
                timeout: 0s
        - applyTo: CLUSTER
          match:
            context: GATEWAY
          patch:
            operation: ADD
            value:
              name: inferoute_picked_endpoint
              type: ORIGINAL_DST
              lb_policy: CLUSTER_PROVIDED
              connect_timeout: 1s
              cleanup_interval: 60s
              original_dst_lb_config:
                use_http_header: true
                http_header_name: x-gateway-destination-endpoint
              circuit_breakers:
                thresholds:
                - priority: DEFAULT
                  max_connections: 100000
                  max_pending_requests: 100000
                  max_requests: 100000
                  max_retries: 10
        - applyTo: CLUSTER
          match:
            context: GATEWAY
            cluster:
              name: "${extProcCluster}"
          patch:
            operation: MERGE
            value:
              typed_extension_protocol_options:
                envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
                  "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
                  explicit_http_config:
                    http2_protocol_options:
                      max_concurrent_streams: 100000
              health_checks:
              - timeout: 1s
                interval: 2s
                unhealthy_threshold: 2
                healthy_threshold: 1
                grpc_health_check:
                  service_name: envoy.service.ext_proc.v3.ExternalProcessor
      """;

  static final String TEXT =
      HEADER + BEFORE_ROUTER + HEADER_MUTATION + BEFORE_ROUTER + EXT_PROC + ROUTE_AND_CLUSTERS;

  private EnvoyFilterTemplate() {}

  /** The filter's YAML for these options; placeholder values are names and numbers only. */
  static String render(RenderOptions options) {
    return TEXT.replace("${gatewayNamespace}", options.gatewayNamespace())
        .replace("${extProcCluster}", options.extProcCluster())
        .replace("${routePort}", Integer.toString(options.routePort()))
        .replace("${virtualHost}", options.virtualHost());
  }
}
