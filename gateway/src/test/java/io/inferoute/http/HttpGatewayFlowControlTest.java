package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.chat;
import static io.inferoute.http.GatewayFixture.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferoute.sim.ErrorInjection;
import io.inferoute.sim.SimulatedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backpressure towards slow clients and cancellation when clients leave, over raw sockets. */
class HttpGatewayFlowControlTest {
  private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

  /** An HTTP/1.1 client on a socket with a small receive window, reading only when told. */
  static Socket open(GatewayFixture f, String body) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4_096);
    socket.setSoTimeout(15_000);
    socket.connect(new InetSocketAddress("127.0.0.1", f.gateway.port()), 2_000);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        + "content-length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return socket;
  }

  /** Reads until {@code marker} has been seen; returns the bytes read. */
  static long readUntil(InputStream in, byte[] marker) throws IOException {
    byte[] buf = new byte[8_192];
    long total = 0;
    int matched = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      for (int i = 0; i < n; i++) {
        matched = buf[i] == marker[matched] ? matched + 1 : (buf[i] == marker[0] ? 1 : 0);
        if (matched == marker.length) {
          return total;
        }
      }
    }
    throw new IOException("stream ended after " + total + " bytes without " + new String(marker, StandardCharsets.US_ASCII));
  }

  @Test
  void aSlowClientPausesTheUpstreamInsteadOfFillingTheGatewaysMemory() throws Exception {
    // 30,000 tokens ≈ 5.7 MB of SSE, produced far faster than the client reads.
    try (GatewayFixture f = GatewayFixture.start(sim("edge").speeds(200_000, 50_000).build());
        Socket socket = open(f, chat("m1", 30_000, true))) {
      InputStream in = socket.getInputStream();
      readUntil(in, "data: ".getBytes(StandardCharsets.US_ASCII));

      // The client stops reading: kernel buffers fill, then the gateway must pause the upstream.
      await().atMost(Duration.ofSeconds(10)).until(() -> f.gateway.upstreamPauses() > 0);
      long read = readUntil(in, DONE);

      assertThat(read).isGreaterThan(5_000_000);
      // Bytes ever queued in the gateway at once: a write queue's worth, not the response.
      assertThat(f.gateway.peakQueuedResponseBytes()).isLessThan(1 << 20);
      await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.queuedResponseBytes() == 0);
    }
  }

  @Test
  void aClientThatLeavesMidStreamCancelsTheUpstreamGeneration() throws Exception {
    // 1,000 tokens at 100 tokens/s in real time: ten seconds unless cancelled.
    try (GatewayFixture f = GatewayFixture.start(sim("edge").speeds(200_000, 100).speedUp(1).build())) {
      SimulatedServer edge = f.server("edge");
      try (Socket socket = open(f, chat("m1", 1_000, true))) {
        readUntil(socket.getInputStream(), "data: ".getBytes(StandardCharsets.US_ASCII));
        assertThat(running(f, edge)).isEqualTo(1);
      }

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(f.gateway.stats().clientDisconnects()).isEqualTo(1);
        assertThat(f.gateway.endpointInFlight()).isZero();
        assertThat(running(f, edge)).as("generations still running at the endpoint").isZero();
      });
      var edgeTelemetry = f.engine.fleet().byName("edge").telemetry();
      assertThat(edgeTelemetry.stats().failures()).isZero();
      // A cut-short request teaches the engine nothing: no completed request, no end-to-end time.
      assertThat(edgeTelemetry.stats().requests()).isZero();
      f.engine.harvestNow();
      assertThat(edgeTelemetry.latency(io.inferoute.telemetry.LatencyMetric.END_TO_END).count()).isZero();
    }
  }

  @Test
  void aClientThatLeavesBeforeTheFirstByteReleasesItsSlot() throws Exception {
    try (GatewayFixture f = GatewayFixture.start(sim("edge").errors(ErrorInjection.hangs(1)).build())) {
      try (Socket socket = open(f, chat("m1", 3, false))) {
        await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.endpointInFlight() == 1);
      }

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(f.gateway.stats().clientDisconnects()).isEqualTo(1);
        assertThat(f.gateway.activeRequests()).isZero();
        assertThat(f.gateway.endpointInFlight()).isZero();
      });
    }
  }

  /** The simulated server's own count of running generations, from its vLLM metrics. */
  static int running(GatewayFixture f, SimulatedServer server) {
    HttpResponse<String> metrics = f.send(HttpRequest.newBuilder(server.baseUri().resolve("/metrics")).build());
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("vllm:num_requests_running")) {
        return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no vllm:num_requests_running in " + metrics.body());
  }
}
