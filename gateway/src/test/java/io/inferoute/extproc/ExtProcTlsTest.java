package io.inferoute.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.testing.FakeTicker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS on the ext_proc listener, with certificates made by openssl for the test. */
class ExtProcTlsTest {
  @TempDir Path dir;

  private void openssl(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "openssl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
  }

  /** A CA, a server certificate for 127.0.0.1 / localhost and a client certificate, all signed by it. */
  private void makeCertificates() throws Exception {
    try {
      new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      assumeTrue(false, "openssl is not installed: TLS test skipped");
    }
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=inferoute-test-ca");
    for (String who : List.of("server", "client")) {
      openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", who + ".key.sec1", "-out", who + ".csr", "-subj", "/CN=" + who);
      java.nio.file.Files.writeString(dir.resolve(who + ".ext"),
          "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
      openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", who + ".pem", "-days", "2", "-extfile", who + ".ext");
      openssl("pkcs8", "-topk8", "-nocrypt", "-in", who + ".key.sec1", "-out", who + ".key");
    }
  }

  private static HealthCheckResponse.ServingStatus health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(ExtProcServer.SERVICE_NAME).build())
        .getStatus();
  }

  private ManagedChannel channel(int port, ChannelCredentials credentials) {
    return Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
  }

  @Test
  void servesOverTlsAndDemandsAClientCertificateForMutualTls() throws Exception {
    makeCertificates();
    RoutingPolicy policy = RoutingPolicy.of("tls", PickerFixture.standardFleet(), List.of());
    try (RoutingEngine engine = RoutingEngine.create(policy, new FakeTicker())) {
      ExtProcSettings mtls = ExtProcSettings.defaults().withAddress("127.0.0.1", 0)
          .withTls(dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"));
      ExtProcServer server = ExtProcServer.start(engine, mtls);
      try {
        ChannelCredentials withClientCert = TlsChannelCredentials.newBuilder()
            .trustManager(dir.resolve("ca.pem").toFile())
            .keyManager(dir.resolve("client.pem").toFile(), dir.resolve("client.key").toFile())
            .build();
        ManagedChannel ok = channel(server.port(), withClientCert);
        try {
          assertThat(health(ok)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
          ok.shutdownNow();
        }
        ChannelCredentials noClientCert = TlsChannelCredentials.newBuilder()
            .trustManager(dir.resolve("ca.pem").toFile()).build();
        ManagedChannel refused = channel(server.port(), noClientCert);
        try {
          assertThatThrownBy(() -> health(refused)).isInstanceOf(StatusRuntimeException.class);
        } finally {
          refused.shutdownNow();
        }
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void aMissingCertificateFileFailsAtStartWithItsName() {
    RoutingPolicy policy = RoutingPolicy.of("tls", PickerFixture.standardFleet(), List.of());
    try (RoutingEngine engine = RoutingEngine.create(policy, new FakeTicker())) {
      ExtProcSettings broken = ExtProcSettings.defaults().withAddress("127.0.0.1", 0)
          .withTls(dir.resolve("nope.pem"), dir.resolve("nope.key"), null);
      assertThatThrownBy(() -> ExtProcServer.start(engine, broken)).hasMessageContaining("extproc.tls")
          .hasMessageContaining("nope.pem");
    }
  }
}
