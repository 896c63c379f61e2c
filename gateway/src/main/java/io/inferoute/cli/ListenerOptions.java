package io.inferoute.cli;

import io.inferoute.admin.AdminSettings;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.http.HttpGatewaySettings;
import io.inferoute.policy.Locality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The listener options {@code serve} and {@code demo} share. */
final class ListenerOptions {
  @Option(names = "--bind", defaultValue = "0.0.0.0",
      description = "address of the HTTP gateway and ext_proc listeners (default: ${DEFAULT-VALUE})")
  String bind = "0.0.0.0";

  @Option(names = "--http-port", defaultValue = "8080", description = "HTTP gateway port (default: ${DEFAULT-VALUE})")
  int httpPort = 8080;

  @Option(names = "--ext-proc-port", defaultValue = "9002", description = "ext_proc gRPC port (default: ${DEFAULT-VALUE})")
  int extProcPort = 9002;

  @Option(names = "--admin-host", defaultValue = "127.0.0.1",
      description = "admin server address; anything but loopback needs --admin-token-file (default: ${DEFAULT-VALUE})")
  String adminHost = "127.0.0.1";

  @Option(names = "--admin-port", defaultValue = "9090", description = "admin port (default: ${DEFAULT-VALUE})")
  int adminPort = 9090;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "file holding the admin bearer token")
  @Nullable Path adminTokenFile;

  @Option(names = "--origin-header", defaultValue = HttpGatewaySettings.DEFAULT_ORIGIN_HEADER,
      description = "header the edge proxy sets to the client's locality (default: ${DEFAULT-VALUE})")
  String originHeader = HttpGatewaySettings.DEFAULT_ORIGIN_HEADER;

  @Option(names = "--ext-proc-tls-cert", paramLabel = "PEM", description = "ext_proc TLS certificate chain")
  @Nullable Path extProcCert;

  @Option(names = "--ext-proc-tls-key", paramLabel = "PEM", description = "ext_proc TLS private key (PKCS#8)")
  @Nullable Path extProcKey;

  @Option(names = "--ext-proc-client-ca", paramLabel = "PEM",
      description = "require client certificates signed by this CA (mutual TLS)")
  @Nullable Path extProcClientCa;

  HttpGatewaySettings http(Locality defaultOrigin) {
    return HttpGatewaySettings.defaults().toBuilder().host(bind).port(httpPort)
        .originHeader(originHeader).defaultOrigin(defaultOrigin).build();
  }

  ExtProcSettings extProc() {
    ExtProcSettings s = ExtProcSettings.defaults().withAddress(bind, extProcPort)
        .withOriginHeader(originHeader);
    if (extProcCert != null || extProcKey != null) {
      if (extProcCert == null || extProcKey == null) {
        throw new IllegalArgumentException(
            "--ext-proc-tls-cert and --ext-proc-tls-key: only one given (expected: both, or neither)");
      }
      s = s.withTls(extProcCert, extProcKey, extProcClientCa);
    } else if (extProcClientCa != null) {
      throw new IllegalArgumentException(
          "--ext-proc-client-ca: given without --ext-proc-tls-cert/--ext-proc-tls-key (expected: TLS first)");
    }
    return s;
  }

  AdminSettings admin() throws IOException {
    String token = adminTokenFile == null ? null
        : Files.readString(adminTokenFile, StandardCharsets.UTF_8).strip();
    return new AdminSettings(adminHost, adminPort, token);
  }
}
