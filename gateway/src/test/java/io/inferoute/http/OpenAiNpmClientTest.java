package io.inferoute.http;

import static io.inferoute.http.GatewayFixture.sim;
import static io.inferoute.testing.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * API compatibility with the official {@code openai} npm client: the fixture in {@code
 * src/test/node} (pinned version and lock file) is installed into {@code target/openai-client} and
 * run against a gateway in front of a simulated endpoint. Skipped only where node or npm is absent.
 */
class OpenAiNpmClientTest {
  private static final Path FIXTURE = Paths.get("src", "test", "node");
  private static final Path WORK = Paths.get("target", "openai-client");
  private static final String[] FILES = {"package.json", "package-lock.json", "openai-client-check.mjs"};

  @Test
  void theOfficialOpenAiClientChatsStreamsAndReadsOurErrors() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"),
        "node and npm are not on PATH: skipping the openai npm client compatibility test");
    Files.createDirectories(WORK);
    for (String file : FILES) {
      Files.copy(FIXTURE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Result install = run(180, "npm", "install", "--no-audit", "--no-fund");
    assertThat(install.exit).as("npm install output:\n" + install.output).isZero();

    try (GatewayFixture f = GatewayFixture.start(sim("edge").build())) {
      Result check = run(60, "node", "openai-client-check.mjs", "http://127.0.0.1:" + f.gateway.port() + "/v1");
      assertThat(check.exit).as("node output:\n" + check.output).isZero();
      JsonNode result = json(lastLine(check.output));

      assertThat(result.at("/nonStreaming/object").asText()).isEqualTo("chat.completion");
      assertThat(result.at("/nonStreaming/content").asText()).isNotBlank();
      assertThat(result.at("/nonStreaming/completionTokens").asInt()).isEqualTo(5);
      assertThat(result.at("/streaming/deltas").size()).isEqualTo(6);
      assertThat(result.at("/streaming/completionTokens").asInt()).isEqualTo(6);
      assertThat(result.at("/error/raised").asBoolean()).isTrue();
      assertThat(result.at("/error/isApiError").asBoolean()).isTrue();
      assertThat(result.at("/error/status").asInt()).isEqualTo(404);
      assertThat(result.at("/error/code").asText()).isEqualTo("model_not_found");
      assertThat(result.at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
  }

  private record Result(int exit, String output) {}

  /** Runs a command in the work directory, killing it after {@code seconds}. */
  private static Result run(int seconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(WORK.toAbsolutePath(), "run", ".log");
    Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", command) + "\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), output);
  }

  private static String lastLine(String output) {
    List<String> lines = new ArrayList<>(output.strip().lines().toList());
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
