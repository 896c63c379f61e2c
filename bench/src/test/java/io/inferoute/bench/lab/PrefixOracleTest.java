package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferoute.bench.lab.workload.ChatBody;
import io.inferoute.bench.lab.workload.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixOracleTest {

  /** A one-message request; the simulators see {@code "user\n" + text + "\n"}. */
  static LabRequest user(int index, String text) {
    return ChatBody.request(index, null, "eu-west/paris", true,
        List.of(new ChatMessage("user", text)), 8);
  }

  @Test
  void countsTheLeadingRunOfBlocksSeenBefore() {
    // 128 chars = 2 blocks = 32 tokens; then the same; then 165 chars sharing only block 0.
    String a = "a".repeat(122);
    String c = "a".repeat(59) + "c".repeat(100);
    List<LabRequest> trace = List.of(user(0, a), user(1, a), user(2, c));
    // prompt tokens 32 + 32 + ceil(165 / 4) = 106; cached 0 + 32 + 16 = 48
    assertThat(PrefixOracle.hitRate(trace)).isEqualTo(48.0 / 106);
  }

  @Test
  void aPartialLastBlockIsNeverCached() {
    String text = "x".repeat(100); // 106 chars: one full block and 42 chars
    assertThat(PrefixOracle.hitRate(List.of(user(0, text), user(1, text))))
        .isEqualTo(16.0 / (27 + 27));
  }

  @Test
  void blocksMatchOnlyAfterAnEqualPrefix() {
    String first = "p".repeat(59) + "q".repeat(64);
    String second = "r".repeat(59) + "q".repeat(64); // block 1 text equal, block 0 not
    assertThat(PrefixOracle.hitRate(List.of(user(0, first), user(1, second)))).isZero();
  }

  @Test
  void theSameTextUnderAnotherModelIsAnotherPrefix() {
    String text = "m".repeat(122);
    LabRequest other = new LabRequest(1, 0, null, "eu-west/paris", true, "other-model",
        ChatBody.PATH, ChatBody.json("other-model", List.of(new ChatMessage("user", text)), 8),
        128, 8);
    assertThat(PrefixOracle.hitRate(List.of(user(0, text), other))).isZero();
  }

  @Test
  void matchesTheSimulatorsPromptFormatForSeveralMessages() {
    List<ChatMessage> turn1 = List.of(new ChatMessage("system", "s".repeat(200)),
        new ChatMessage("user", "u".repeat(50)));
    List<ChatMessage> turn2 = List.of(turn1.get(0), turn1.get(1),
        new ChatMessage("assistant", "a".repeat(80)), new ChatMessage("user", "v".repeat(40)));
    LabRequest r1 = ChatBody.request(0, "s", "eu-west/paris", true, turn1, 8);
    LabRequest r2 = ChatBody.request(1, "s", "eu-west/paris", true, turn2, 8);
    // r1: 208 + 56 = 264 chars -> 66 tokens, 4 blocks; r2 = r1 + 91 + 46 = 401 chars -> 101
    // tokens; r2 shares r1's 4 full blocks.
    assertThat(r1.promptChars()).isEqualTo(264);
    assertThat(r2.promptChars()).isEqualTo(401);
    assertThat(PrefixOracle.hitRate(List.of(r1, r2))).isEqualTo(64.0 / (66 + 101));
  }

  @Test
  void anEmptyTraceHasNoHits() {
    assertThat(PrefixOracle.hitRate(List.of())).isZero();
  }
}
