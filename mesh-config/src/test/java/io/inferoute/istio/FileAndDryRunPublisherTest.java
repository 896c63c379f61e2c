package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAndDryRunPublisherTest {

  private static final DestinationRuleTarget TARGET =
      new DestinationRuleTarget("llm", "inference", "llm-locality", "llm.inference.svc.cluster.local");

  private static LocalityLbSetting weights(int a, int b) {
    return new LocalityLbSetting(List.of(new Distribute("eu/a/*", Map.of("eu/a/*", a, "eu/b/*", b))), List.of());
  }

  @Test
  void writesOneRuleFileThatIstioAcceptsAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    PublishReceipt receipt = LocalityLbPublisher.file(dir).publish(TARGET, weights(60, 40));

    assertThat(receipt.outcome()).isEqualTo(PublishOutcome.APPLIED);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inference.llm-locality.yaml");
    }
    JsonNode rule = TestFiles.readAll(Files.readString(dir.resolve("inference.llm-locality.yaml"))).get(0);
    assertThat(rule.at("/spec/host").asText()).isEqualTo(TARGET.host());
    assertThat(rule.at("/spec/trafficPolicy/loadBalancer/localityLbSetting/distribute/0/to/eu~1a~1*").asInt()).isEqualTo(60);
    assertThat(IstioTestFiles.schemas().violations(rule)).isEmpty();
  }

  @Test
  void replacesTheFileWholeAndSkipsAnIdenticalWrite(@TempDir Path dir) throws Exception {
    LocalityLbPublisher files = LocalityLbPublisher.file(dir);
    files.publish(TARGET, weights(60, 40));

    assertThat(files.publish(TARGET, weights(55, 45)).outcome()).isEqualTo(PublishOutcome.APPLIED);
    assertThat(files.publish(TARGET, weights(55, 45)).outcome()).isEqualTo(PublishOutcome.UNCHANGED);
    assertThat(Files.readString(dir.resolve("inference.llm-locality.yaml"))).contains("eu/a/*: 55").doesNotContain("60");
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsAnErrorNotACrash(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    assertThat(publishFailure(LocalityLbPublisher.file(notADirectory.resolve("sub")))).isEqualTo(PublishOutcome.ERROR);
  }

  @Test
  void dryRunLogsTheDiffAndWritesNothing() throws Exception {
    List<String> log = new ArrayList<>();
    LocalityLbPublisher dryRun = LocalityLbPublisher.dryRun(log::add);

    dryRun.publish(TARGET, weights(60, 40));
    dryRun.publish(TARGET, weights(55, 45));
    PublishReceipt same = dryRun.publish(TARGET, weights(55, 45));

    assertThat(log).containsExactly(
        "dry-run inference/llm-locality localityLbSetting: eu/a/* -> eu/a/*: - -> 60; eu/a/* -> eu/b/*: - -> 40",
        "dry-run inference/llm-locality localityLbSetting: eu/a/* -> eu/a/*: 60 -> 55; eu/a/* -> eu/b/*: 40 -> 45");
    assertThat(same.outcome()).isEqualTo(PublishOutcome.UNCHANGED);
  }

  @Test
  void everyModeRefusesASettingIstiodWouldReject(@TempDir Path dir) {
    assertThat(publishFailure(LocalityLbPublisher.file(dir), weights(60, 41))).isEqualTo(PublishOutcome.INVALID);
    assertThat(publishFailure(LocalityLbPublisher.dryRun(s -> { }), weights(0, 100))).isEqualTo(PublishOutcome.INVALID);
  }

  private static PublishOutcome publishFailure(LocalityLbPublisher publisher) {
    return publishFailure(publisher, weights(60, 40));
  }

  private static PublishOutcome publishFailure(LocalityLbPublisher publisher, LocalityLbSetting setting) {
    try {
      publisher.publish(TARGET, setting);
      throw new AssertionError("published (expected: a PublishException)");
    } catch (PublishException e) {
      return e.outcome();
    }
  }
}
