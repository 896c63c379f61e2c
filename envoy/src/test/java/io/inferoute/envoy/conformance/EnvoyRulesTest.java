package io.inferoute.envoy.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.inferoute.envoy.conformance.EnvoyRules.ProtocolViolation;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** The emulator rejects what Envoy rejects: otherwise the suite would prove nothing. */
class EnvoyRulesTest {
  private static HeaderMutation set(String key, String value, String raw) {
    return HeaderMutation.newBuilder().addSetHeaders(HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(key).setValue(value)
            .setRawValue(ByteString.copyFromUtf8(raw)))).build();
  }

  @Test
  void settingValueBesideRawValueIsRejected() {
    assertThatThrownBy(() -> EnvoyRules.apply(set("x-a", "v", "v"), new HashMap<>()))
        .isInstanceOf(ProtocolViolation.class).hasMessageContaining("only raw_value");
  }

  @Test
  void systemAndEnvoyHeadersAreRejected() {
    assertThatThrownBy(() -> EnvoyRules.apply(set(":path", "", "/x"), new HashMap<>()))
        .isInstanceOf(ProtocolViolation.class);
    assertThatThrownBy(() -> EnvoyRules.apply(set("x-envoy-foo", "", "1"), new HashMap<>()))
        .isInstanceOf(ProtocolViolation.class);
  }

  @Test
  void bodyMutationKindMustMatchTheMode() {
    CommonResponse plain = CommonResponse.newBuilder().setBodyMutation(
        BodyMutation.newBuilder().setBody(ByteString.copyFromUtf8("x"))).build();
    CommonResponse empty = CommonResponse.getDefaultInstance();
    assertThatThrownBy(() -> EnvoyRules.checkBodyKind(plain, BodySendMode.FULL_DUPLEX_STREAMED))
        .isInstanceOf(ProtocolViolation.class);
    assertThatThrownBy(() -> EnvoyRules.checkBodyKind(empty, BodySendMode.FULL_DUPLEX_STREAMED))
        .isInstanceOf(ProtocolViolation.class);
  }

  @Test
  void tooManyMutationsAreRejected() {
    HeaderMutation.Builder m = HeaderMutation.newBuilder();
    for (int i = 0; i <= EnvoyRules.MAX_MUTATIONS; i++) {
      m.addRemoveHeaders("x-h" + i);
    }
    assertThatThrownBy(() -> EnvoyRules.apply(m.build(), new HashMap<>()))
        .isInstanceOf(ProtocolViolation.class);
  }
}
