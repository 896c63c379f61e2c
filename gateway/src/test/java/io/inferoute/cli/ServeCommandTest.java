package io.inferoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

  @Test
  void aScrapeIntervalThatIsNotADurationIsAUsageErrorNamingTheFlag() {
    String policy = CliRun.docs("examples/demo.yaml").toString();
    CliRun run = CliRun.of("serve", "--policy", policy, "--scrape-interval", "fast");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(
        "--scrape-interval: \"fast\" (expected: a positive duration such as 500ms or 2s)");
  }

  @Test
  void aZeroScrapeIntervalIsRejected() {
    String policy = CliRun.docs("examples/demo.yaml").toString();
    CliRun run = CliRun.of("serve", "--policy", policy, "--scrape-interval", "0ms");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scrape-interval: \"0ms\"");
  }
}
