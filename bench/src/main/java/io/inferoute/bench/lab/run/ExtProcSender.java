package io.inferoute.bench.lab.run;

import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc.ExternalProcessorStub;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.inferoute.bench.lab.LabRequest;
import io.inferoute.extproc.EnvoyMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ext_proc path: the client plays Envoy for each request (see {@link EnvoyExchange}), over one
 * gRPC channel per replica, reused by every request of the run.
 */
final class ExtProcSender implements RequestSender {
  /** Envoy's modes as the lab's bootstrap would set them: whole request body, streamed response. */
  static final ProtocolConfiguration MODES =
      EnvoyMessages.modes(BodySendMode.BUFFERED, BodySendMode.STREAMED);

  private static final int MAX_INBOUND = 16 << 20;

  private final LabClient client;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<ExternalProcessorStub> stubs = new ArrayList<>();

  ExtProcSender(LabClient client, List<Integer> extProcPorts) {
    this.client = client;
    for (int port : extProcPorts) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .maxInboundMessageSize(MAX_INBOUND).build();
      channels.add(channel);
      stubs.add(ExternalProcessorGrpc.newStub(channel));
    }
  }

  @Override
  public void send(LabRequest request, int replica, ResponseRecorder to) {
    new EnvoyExchange(stubs.get(replica), client.http(), request, to).start();
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels) {
      c.shutdownNow();
    }
    for (ManagedChannel c : channels) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
