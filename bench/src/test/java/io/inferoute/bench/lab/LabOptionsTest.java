package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabOptionsTest {

  @Test
  void defaultsRunEverythingInFullModeHere() {
    LabOptions o = LabOptions.parse();
    assertThat(o.quick()).isFalse();
    assertThat(o.complete()).isTrue();
    assertThat(o.out()).isEqualTo(Path.of("."));
    assertThat(o.seed()).isEqualTo(LabOptions.DEFAULT_SEED);
  }

  @Test
  void parsesEveryOption() {
    LabOptions o = LabOptions.parse("--quick", "--only", "chat,mixed", "--only", "failure",
        "--out", "/tmp/x", "--seed", "5");
    assertThat(o.quick()).isTrue();
    assertThat(o.only()).containsExactlyInAnyOrder("chat", "mixed", "failure");
    assertThat(o.runs("mixed")).isTrue();
    assertThat(o.runs("sweep")).isFalse();
    assertThat(o.complete()).isFalse();
    assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.seed()).isEqualTo(5);
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> LabOptions.parse("--fast"))
        .hasMessage("argument: --fast (expected: --quick, --only NAME, --out DIR or --seed N)");
    assertThatThrownBy(() -> LabOptions.parse("--only", "chats"))
        .hasMessageStartingWith("only: chats (expected: one of [chat, sweep,");
    assertThatThrownBy(() -> LabOptions.parse("--out"))
        .hasMessage("--out: missing (expected: a value after it)");
  }
}
