package io.inferoute.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.inferoute.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvoyProtosTest {

  private static final Path BOOTSTRAP = TestFiles.moduleFile("envoy", "config/envoy-bootstrap.yaml");

  /** The HTTP filter names this module uses and the only type each may carry. */
  private static final Map<String, Class<? extends Message>> FILTER_TYPES = Map.of(
      EnvoyConfigs.HEADER_MUTATION, HeaderMutation.class,
      EnvoyConfigs.EXT_PROC, ExternalProcessor.class,
      EnvoyConfigs.ROUTER, Router.class);

  static Stream<Path> envoyConfigFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(TestFiles.moduleFile("envoy", "config"))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("Envoy bootstrap files in envoy/config").hasSizeGreaterThanOrEqualTo(2);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("envoyConfigFiles")
  void everyBootstrapParsesStrictlyIntoEnvoyProtos(Path file) {
    Bootstrap bootstrap = EnvoyProtos.bootstrap(file);

    HttpConnectionManager hcm = EnvoyConfigs.connectionManager(bootstrap);
    for (HttpFilter filter : hcm.getHttpFiltersList()) {
      assertThat(FILTER_TYPES).as("known HTTP filter").containsKey(filter.getName());
      EnvoyConfigs.unpack(filter.getTypedConfig(), FILTER_TYPES.get(filter.getName()));
    }
    assertThat(ExtProcConfigRules.violations(EnvoyConfigs.extProc(hcm))).isEmpty();
    assertThat(bootstrap.getStaticResources().getClustersList()).isNotEmpty();
  }

  @Test
  void rejectsMisspelledField() {
    String yaml = read(BOOTSTRAP).replace("failure_mode_allow:", "failure_mode_alow:");

    assertThatThrownBy(() -> parseBootstrap(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failure_mode_alow");
  }

  @Test
  void rejectsUnknownTypeUrl() {
    String yaml = read(BOOTSTRAP).replace(
        "ext_proc.v3.ExternalProcessor", "ext_proc.v3.ExternalProcesser");

    assertThatThrownBy(() -> parseBootstrap(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ExternalProcesser");
  }

  @Test
  void rejectsRealEnvoyTypeOutsideTheRegistry() {
    // Lua is a genuine Envoy type: the registry is closed, not merely a spell check.
    String yaml = read(BOOTSTRAP).replace(
        "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
        "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua");

    assertThatThrownBy(() -> parseBootstrap(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envoy.extensions.filters.http.lua.v3.Lua");
  }

  @Test
  void rejectsUnknownEnumValue() {
    String yaml = read(BOOTSTRAP).replace("response_body_mode: STREAMED", "response_body_mode: STREAMING");

    assertThatThrownBy(() -> parseBootstrap(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STREAMING");
  }

  @Test
  void rejectsDuplicatedYamlKey() {
    String yaml = read(BOOTSTRAP).replace(
        "failure_mode_allow: false", "failure_mode_allow: false\n              failure_mode_allow: true");

    assertThatThrownBy(() -> parseBootstrap(yaml))
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("failure_mode_allow");
  }

  private static Bootstrap parseBootstrap(String yaml) {
    JsonNode doc = TestFiles.readAll(yaml).get(0);
    return EnvoyProtos.parse(doc, Bootstrap.newBuilder());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
