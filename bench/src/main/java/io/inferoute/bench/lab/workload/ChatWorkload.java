package io.inferoute.bench.lab.workload;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.workload.ArrivalProcess.Arrivals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Multi-turn chat: many sessions share a few long system prompts; each turn's prompt is the system
 * prompt, every earlier turn (user and assistant) and the new user message, so consecutive turns of
 * a session share an ever longer prefix.
 *
 * <p>Sessions arrive by the shape's arrival process at {@code rate / meanTurns}, so turns arrive at
 * the shape's rate once the trace is in steady state. To be in steady state from the first second,
 * sessions start from {@code -maxTurns × meanThinkSeconds} and only turns inside {@code [0,
 * duration)} are kept (a turn whose session began before 0 still carries its whole history).
 *
 * @param systemPrompts distinct system prompts, each session uses one (uniformly)
 * @param systemPromptChars mean system-prompt length; each is drawn in ±25% of it
 * @param minTurns fewest turns of a session
 * @param maxTurns most turns of a session (uniform in between)
 * @param minUserChars shortest user message
 * @param maxUserChars longest user message
 * @param minReplyTokens fewest output tokens asked of a turn
 * @param maxReplyTokens most output tokens asked of a turn; the reply kept in the history has
 *     four characters per token asked
 * @param meanThinkSeconds mean gap between turns (0.5 s plus an exponential draw)
 * @param interactive whether the turns are interactive (with a TTFT SLO) or batch
 */
public record ChatWorkload(
    int systemPrompts,
    int systemPromptChars,
    int minTurns,
    int maxTurns,
    int minUserChars,
    int maxUserChars,
    int minReplyTokens,
    int maxReplyTokens,
    double meanThinkSeconds,
    boolean interactive) implements Workload {

  private static final double MIN_THINK_SECONDS = 0.5;
  private static final long SYSTEM_SALT = 0x5359_5354_454dL;
  private static final long SESSION_SALT = 0x5345_5353L;

  public ChatWorkload {
    Draws.require("systemPrompts", systemPrompts, systemPrompts >= 1, ">= 1");
    Draws.require("systemPromptChars", systemPromptChars, systemPromptChars >= 4, ">= 4");
    Draws.requireRange("turns", minTurns, maxTurns, 1);
    Draws.requireRange("userChars", minUserChars, maxUserChars, 1);
    Draws.requireRange("replyTokens", minReplyTokens, maxReplyTokens, 1);
    if (!(meanThinkSeconds > MIN_THINK_SECONDS)) {
      throw new IllegalArgumentException(
          "meanThinkSeconds: " + meanThinkSeconds + " (expected: > " + MIN_THINK_SECONDS + ")");
    }
  }

  /**
   * The lab's chat: 4 system prompts of ~6,000 characters (1,500 tokens), 2–8 turns, user
   * messages of 200–1,200 characters (questions with pasted context), replies of 32–128 tokens,
   * 3 s mean think time, interactive. Prompts grow to 2k–4k tokens, so prefill (and so the KV
   * cache) weighs on TTFT as it does in real chat serving.
   */
  public static ChatWorkload standard() {
    return new ChatWorkload(4, 6_000, 2, 8, 200, 1_200, 32, 128, 3.0, true);
  }

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%d system prompts of ~%,d chars; sessions of %d–%d turns;"
        + " user turns %d–%d chars; replies %d–%d tokens; think time 0.5 s + exp(mean %.1f s); %s",
        systemPrompts, systemPromptChars, minTurns, maxTurns, minUserChars, maxUserChars,
        minReplyTokens, maxReplyTokens, meanThinkSeconds - MIN_THINK_SECONDS,
        interactive ? "interactive" : "batch");
  }

  /** The mean number of turns per session. */
  public double meanTurns() {
    return (minTurns + maxTurns) / 2.0;
  }

  @Override
  public List<LabRequest> trace(TraceShape shape) {
    List<String> systems = systemPromptTexts(shape.seed());
    double warmUp = maxTurns * meanThinkSeconds;
    Arrivals starts = shape.arrivals()
        .start(shape.requestsPerSecond() / meanTurns(), new SplittableRandom(shape.seed()));
    List<LabRequest> requests = new ArrayList<>();
    for (int session = 0; ; session++) {
      double start = starts.next() - warmUp;
      if (start >= shape.seconds()) {
        break;
      }
      addSession(shape, systems, session, start, requests);
    }
    return Workload.indexed(requests);
  }

  /** The system prompts a trace with this seed uses. */
  List<String> systemPromptTexts(long seed) {
    List<String> texts = new ArrayList<>(systemPrompts);
    for (int i = 0; i < systemPrompts; i++) {
      SplittableRandom random = Draws.forPart(seed, SYSTEM_SALT, i);
      int chars = Draws.between(random, systemPromptChars * 3 / 4, systemPromptChars * 5 / 4);
      texts.add(PseudoText.of(random, chars));
    }
    return texts;
  }

  private void addSession(TraceShape shape, List<String> systems, int session, double start,
      List<LabRequest> out) {
    SplittableRandom random = Draws.forPart(shape.seed(), SESSION_SALT, session);
    String origin = Draws.pick(random, shape.origins());
    String id = "chat-" + session;
    List<ChatMessage> history = new ArrayList<>();
    history.add(new ChatMessage("system", Draws.pick(random, systems)));
    int turns = Draws.between(random, minTurns, maxTurns);
    double at = start;
    for (int turn = 0; turn < turns && at < shape.seconds(); turn++) {
      history.add(new ChatMessage("user",
          PseudoText.of(random, Draws.between(random, minUserChars, maxUserChars))));
      int replyTokens = Draws.between(random, minReplyTokens, maxReplyTokens);
      if (at >= 0) {
        out.add(ChatBody.request((long) (at * 1e9), id, origin, interactive, history, replyTokens));
      }
      history.add(new ChatMessage("assistant", PseudoText.of(random, 4 * replyTokens)));
      at += MIN_THINK_SECONDS + Draws.exponential(random, meanThinkSeconds - MIN_THINK_SECONDS);
    }
  }
}
