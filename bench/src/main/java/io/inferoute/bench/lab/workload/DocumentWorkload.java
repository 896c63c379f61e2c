package io.inferoute.bench.lab.workload;

import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.workload.ArrivalProcess.Arrivals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Long-document questions (RAG-like): a pool of large documents, each request one document (chosen
 * by Zipf popularity: rank k with weight {@code 1 / k^zipfExponent}) followed by a new question, so
 * popular documents are prompt prefixes worth caching. A short fixed instruction comes first; each
 * document starts with {@code Document k:} where k is its popularity rank from 0.
 *
 * @param documents documents in the pool
 * @param minDocChars shortest document
 * @param maxDocChars longest document (uniform in between)
 * @param zipfExponent popularity skew; 0 is uniform
 * @param minQuestionChars shortest question
 * @param maxQuestionChars longest question
 * @param minReplyTokens fewest output tokens asked
 * @param maxReplyTokens most output tokens asked
 * @param interactive whether the requests are interactive (with a TTFT SLO) or batch
 */
public record DocumentWorkload(
    int documents,
    int minDocChars,
    int maxDocChars,
    double zipfExponent,
    int minQuestionChars,
    int maxQuestionChars,
    int minReplyTokens,
    int maxReplyTokens,
    boolean interactive) implements Workload {

  private static final long DOC_SALT = 0x444f_4373L;
  private static final long REQUEST_SALT = 0x5155_4553L;
  private static final int INSTRUCTION_CHARS = 300;

  public DocumentWorkload {
    Draws.require("documents", documents, documents >= 1, ">= 1");
    Draws.requireRange("docChars", minDocChars, maxDocChars, 1);
    Draws.require("zipfExponent", zipfExponent, zipfExponent >= 0, ">= 0");
    Draws.requireRange("questionChars", minQuestionChars, maxQuestionChars, 1);
    Draws.requireRange("replyTokens", minReplyTokens, maxReplyTokens, 1);
  }

  /**
   * The lab's documents: 32 documents of 8,000–20,000 characters, Zipf exponent 1.0, questions of
   * 80–300 characters, answers of 32–128 tokens, interactive.
   */
  public static DocumentWorkload standard() {
    return new DocumentWorkload(32, 8_000, 20_000, 1.0, 80, 300, 32, 128, true);
  }

  /** The same documents as batch work asking for longer answers (summaries, 128–384 tokens). */
  public DocumentWorkload asBatch() {
    return new DocumentWorkload(documents, minDocChars, maxDocChars, zipfExponent,
        minQuestionChars, maxQuestionChars, 128, 384, false);
  }

  @Override
  public String name() {
    return "documents";
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%d documents of %,d–%,d chars, Zipf popularity (s = %.1f);"
        + " questions %d–%d chars; answers %d–%d tokens; %s", documents, minDocChars, maxDocChars,
        zipfExponent, minQuestionChars, maxQuestionChars, minReplyTokens, maxReplyTokens,
        interactive ? "interactive" : "batch");
  }

  @Override
  public List<LabRequest> trace(TraceShape shape) {
    String instruction = PseudoText.of(Draws.forPart(shape.seed(), DOC_SALT, -1), INSTRUCTION_CHARS);
    List<String> docs = documentTexts(shape.seed());
    double[] cumulative = zipfCumulative();
    Arrivals arrivals = shape.arrivals()
        .start(shape.requestsPerSecond(), new SplittableRandom(shape.seed()));
    List<LabRequest> requests = new ArrayList<>();
    double at = arrivals.next();
    for (int i = 0; at < shape.seconds(); i++, at = arrivals.next()) {
      SplittableRandom random = Draws.forPart(shape.seed(), REQUEST_SALT, i);
      int doc = rank(cumulative, random.nextDouble());
      String question = PseudoText.of(random, Draws.between(random, minQuestionChars, maxQuestionChars));
      List<ChatMessage> messages = List.of(new ChatMessage("system", instruction),
          new ChatMessage("user", docs.get(doc) + "\n\nQuestion: " + question));
      requests.add(ChatBody.request((long) (at * 1e9), null, Draws.pick(random, shape.origins()),
          interactive, messages, Draws.between(random, minReplyTokens, maxReplyTokens)));
    }
    return Workload.indexed(requests);
  }

  /** Zipf probability of the document of 0-based popularity rank {@code rank}. */
  public double popularity(int rank) {
    double[] cumulative = zipfCumulative();
    return cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);
  }

  private List<String> documentTexts(long seed) {
    List<String> texts = new ArrayList<>(documents);
    for (int i = 0; i < documents; i++) {
      SplittableRandom random = Draws.forPart(seed, DOC_SALT, i);
      texts.add("Document " + i + ":\n"
          + PseudoText.of(random, Draws.between(random, minDocChars, maxDocChars)));
    }
    return texts;
  }

  private double[] zipfCumulative() {
    double[] cumulative = new double[documents];
    double sum = 0;
    for (int k = 0; k < documents; k++) {
      sum += 1 / Math.pow(k + 1, zipfExponent);
      cumulative[k] = sum;
    }
    for (int k = 0; k < documents; k++) {
      cumulative[k] /= sum;
    }
    return cumulative;
  }

  private static int rank(double[] cumulative, double u) {
    int i = Arrays.binarySearch(cumulative, u);
    return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
  }
}
