package io.inferoute.bench.lab.workload;

import static io.inferoute.bench.lab.workload.WorkloadFixtures.body;
import static io.inferoute.bench.lab.workload.WorkloadFixtures.messages;
import static io.inferoute.bench.lab.workload.WorkloadFixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.bench.lab.LabRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ChatWorkloadTest {
  private final ChatWorkload chat = ChatWorkload.standard();

  @Test
  void sameSeedGivesTheSameTrace() {
    assertThat(chat.trace(shape(20, 20, 7))).isEqualTo(chat.trace(shape(20, 20, 7)));
  }

  @Test
  void anotherSeedGivesAnotherTrace() {
    assertThat(chat.trace(shape(20, 20, 7))).isNotEqualTo(chat.trace(shape(20, 20, 8)));
  }

  @Test
  void traceIsSortedIndexedAndInsideTheDuration() {
    List<LabRequest> trace = chat.trace(shape(20, 20, 7));
    assertThat(trace).isNotEmpty();
    for (int i = 0; i < trace.size(); i++) {
      assertThat(trace.get(i).index()).isEqualTo(i);
      assertThat(trace.get(i).arrivalNanos()).isBetween(0L, 20_000_000_000L - 1);
      if (i > 0) {
        assertThat(trace.get(i).arrivalNanos())
            .isGreaterThanOrEqualTo(trace.get(i - 1).arrivalNanos());
      }
    }
  }

  @Test
  void sessionsShareAFewLongSystemPrompts() {
    List<LabRequest> trace = chat.trace(shape(20, 30, 7));
    List<ChatMessage> firsts = trace.stream().map(r -> messages(r).get(0)).toList();
    assertThat(firsts).allSatisfy(m -> assertThat(m.role()).isEqualTo("system"));
    Set<String> systems = firsts.stream().map(ChatMessage::content).collect(Collectors.toSet());
    Set<String> sessions = trace.stream().map(LabRequest::session).collect(Collectors.toSet());
    assertThat(systems).hasSize(chat.systemPrompts());
    assertThat(systems).allSatisfy(s -> assertThat(s.length()).isBetween(4_500, 7_500));
    assertThat(sessions.size()).isGreaterThan(10 * systems.size());
  }

  @Test
  void eachTurnExtendsThePreviousTurnsPrompt() {
    Map<String, List<LabRequest>> bySession = new LinkedHashMap<>();
    for (LabRequest r : chat.trace(shape(20, 30, 7))) {
      bySession.computeIfAbsent(Objects.requireNonNull(r.session()), s -> new ArrayList<>()).add(r);
    }
    int checked = 0;
    for (List<LabRequest> turns : bySession.values()) {
      for (int i = 1; i < turns.size(); i++) {
        List<ChatMessage> before = messages(turns.get(i - 1));
        List<ChatMessage> after = messages(turns.get(i));
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.get(before.size()).role()).isEqualTo("assistant");
        assertThat(after.get(after.size() - 1).role()).isEqualTo("user");
        assertThat(turns.get(i).arrivalNanos() - turns.get(i - 1).arrivalNanos())
            .isGreaterThanOrEqualTo(500_000_000L);
        assertThat(turns.get(i).origin()).isEqualTo(turns.get(i - 1).origin());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void bodyIsStreamingChatJsonAskingForUsage() {
    LabRequest r = chat.trace(shape(20, 10, 7)).get(0);
    JsonNode body = body(r);
    assertThat(body.path("model").asText()).isEqualTo(ChatBody.MODEL);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(r.maxTokens()).isBetween(32, 128);
    assertThat(r.path()).isEqualTo("/v1/chat/completions");
    assertThat(r.interactive()).isTrue();
    assertThat(WorkloadFixtures.SITES).contains(r.origin());
  }

  @Test
  void tracesAskForTheModelTheLabFleetServes() {
    assertThat(ChatBody.MODEL).isEqualTo(io.inferoute.bench.lab.run.LabFleet.MODEL);
  }

  @Test
  void promptCharsCountTheTextTheSimulatorsSee() {
    LabRequest r = chat.trace(shape(20, 10, 7)).get(3);
    int expected = messages(r).stream()
        .mapToInt(m -> m.role().length() + m.content().length() + 2).sum();
    assertThat(r.promptChars()).isEqualTo(expected);
  }

  @Test
  void turnsArriveAtTheRequestedRate() {
    double rate = 20;
    int seconds = 300;
    int requests = chat.trace(shape(rate, seconds, 11)).size();
    assertThat(requests / (double) seconds).isCloseTo(rate, Percentage.withPercentage(8));
  }

  @Test
  void rejectsAnInvertedRange() {
    assertThatThrownBy(() -> new ChatWorkload(4, 6_000, 5, 2, 200, 1_200, 32, 128, 3.0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("turns: 5..2 (expected: 1 <= min <= max)");
  }
}
