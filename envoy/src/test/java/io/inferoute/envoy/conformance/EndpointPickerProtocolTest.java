package io.inferoute.envoy.conformance;

import static io.inferoute.extproc.EnvoyMessages.chat;
import static io.inferoute.extproc.EnvoyMessages.post;
import static io.inferoute.extproc.PickerFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.inferoute.envoy.conformance.EnvoyEmulator.Modes;
import io.inferoute.envoy.conformance.EnvoyEmulator.Request;
import io.inferoute.envoy.conformance.EnvoyEmulator.Result;
import io.inferoute.envoy.conformance.EnvoyEmulator.Upstream;
import io.inferoute.extproc.ExtProcSettings;
import io.inferoute.extproc.PickerFixture;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gateway API Inference Extension's Endpoint Picker Protocol, through the Envoy emulator. */
class EndpointPickerProtocolTest {
  private PickerFixture fx = PickerFixture.start();

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private Result run(Request request, Upstream upstream) {
    return new EnvoyEmulator(fx, Modes.standalone()).run(request, upstream);
  }

  private static Request chatRequest() {
    return Request.of(post(), chat(MODEL, "hello"));
  }

  @Test
  void destinationHeaderAndMetadataAgreeOnTheFirstEntry() {
    Result r = run(chatRequest(), Upstream.ok());

    ExtProcConformanceTest.assertPlacedAndClean(r);
    assertThat(r.upstreamHeaders.get("x-gateway-destination-endpoint"))
        .isEqualTo(r.lbDestinations().split(",")[0]).isEqualTo(r.upstreamAddress);
  }

  @Test
  void fallbackListIsPrimaryFirstWithoutDuplicatesAndOnlyFleetEndpoints() {
    Result r = run(chatRequest(), Upstream.ok());

    List<String> list = Arrays.asList(r.lbDestinations().split(","));
    assertThat(list.get(0)).isEqualTo(r.upstreamAddress);
    assertThat(new HashSet<>(list)).hasSameSizeAs(list);
    assertThat(list).hasSizeGreaterThan(1)
        .allSatisfy(a -> assertThat(fx.engine.fleet().byAddress(a)).isNotNull());
  }

  @Test
  void subsetHintConfinesThePick() {
    Struct hint = Struct.newBuilder().putFields("x-gateway-destination-endpoint-subset",
        Value.newBuilder().setListValue(ListValue.newBuilder()
            .addValues(Value.newBuilder().setStringValue("10.2.0.1:8000"))).build()).build();
    Metadata md = Metadata.newBuilder().putFilterMetadata("envoy.lb.subset_hint", hint).build();

    Result r = run(chatRequest().withMetadata(md), Upstream.ok());

    assertThat(r.upstreamAddress).isEqualTo("10.2.0.1:8000");
    assertThat(r.lbDestinations()).isEqualTo("10.2.0.1:8000");
  }

  @Test
  void subsetHintWithNoEligibleEndpointIs503() {
    Struct hint = Struct.newBuilder().putFields("x-gateway-destination-endpoint-subset",
        Value.newBuilder().setStringValue("192.0.2.9:80").build()).build();
    Metadata md = Metadata.newBuilder().putFilterMetadata("envoy.lb.subset_hint", hint).build();

    Result r = run(chatRequest().withMetadata(md), Upstream.ok());

    assertThat(r.downstreamStatus).isEqualTo(503);
    assertThat(r.upstreamAddress).isNull();
  }

  @Test
  void servedEndpointReceivesTheFeedback() {
    Result r = run(chatRequest(), Upstream.ok("data: {\"usage\":{\"completion_tokens\":2}}\n\n")
        .reportingServed());

    assertThat(fx.endpoint(r.upstreamAddress).telemetry().stats().requests()).isEqualTo(1);
    assertThat(fx.inFlight()).isZero();
  }

  @Test
  void saturatedFleetIs429WithRetryAfter() throws InterruptedException {
    fx.close();
    fx = PickerFixture.start(ExtProcSettings.defaults(),
        List.of(PickerFixture.spec("only", "10.9.0.1:8000", "edge-gpu", "asia/tokyo-a", 1)));
    var holder = fx.open();
    holder.send(EnvoyEmulator.headers(post("x-model", MODEL), true, true));
    holder.next();

    Result r = run(chatRequest(), Upstream.ok());

    assertThat(r.downstreamStatus).isEqualTo(429);
    assertThat(r.localReply.getHeaders().getSetHeadersList())
        .anySatisfy(h -> assertThat(h.getHeader().getKey()).isEqualTo("retry-after"));
    holder.reset();
  }

  @Test
  void spoofedDestinationHeadersAreRemovedOrOverwritten() {
    Request spoofed = Request.of(post("x-gateway-destination-endpoint", "6.6.6.6:80",
        "x-gateway-destination-endpoint-subset", "6.6.6.6:80", "x-inferoute-tier", "cloud"),
        chat(MODEL, "hi"));
    // The emulated header_mutation filter strips only two names; the rest must go in ext_proc.
    Result r = run(spoofed, Upstream.ok());

    ExtProcConformanceTest.assertPlacedAndClean(r);
    assertThat(r.upstreamHeaders).doesNotContainKey("x-gateway-destination-endpoint-subset");
    assertThat(r.upstreamAddress).isNotEqualTo("6.6.6.6:80");
  }
}
