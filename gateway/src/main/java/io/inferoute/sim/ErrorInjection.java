package io.inferoute.sim;

/**
 * Which faults a simulated endpoint injects into inference requests, as probabilities 0..1 rolled
 * per request in this order: hang, reset before the response, 5xx; a request that passes those may
 * still be reset mid-response. {@code /metrics} and {@code /v1/models} are never affected.
 *
 * @param serverErrorRate answer 500 with an OpenAI error body
 * @param hangRate never answer (until the client gives up)
 * @param resetBeforeResponseRate reset the stream (HTTP/2) or close the connection (HTTP/1.1) before any byte
 * @param resetMidResponseRate reset after the headers and about half of the output
 */
public record ErrorInjection(
    double serverErrorRate, double hangRate, double resetBeforeResponseRate, double resetMidResponseRate) {

  /** No faults. */
  public static final ErrorInjection NONE = new ErrorInjection(0, 0, 0, 0);

  public ErrorInjection {
    check("serverErrorRate", serverErrorRate);
    check("hangRate", hangRate);
    check("resetBeforeResponseRate", resetBeforeResponseRate);
    check("resetMidResponseRate", resetMidResponseRate);
  }

  /** Only 5xx answers, at {@code rate}. */
  public static ErrorInjection serverErrors(double rate) {
    return new ErrorInjection(rate, 0, 0, 0);
  }

  /** Only hangs, at {@code rate}. */
  public static ErrorInjection hangs(double rate) {
    return new ErrorInjection(0, rate, 0, 0);
  }

  /** Only resets before the response, at {@code rate}. */
  public static ErrorInjection resetsBeforeResponse(double rate) {
    return new ErrorInjection(0, 0, rate, 0);
  }

  /** Only resets in the middle of the response, at {@code rate}. */
  public static ErrorInjection resetsMidResponse(double rate) {
    return new ErrorInjection(0, 0, 0, rate);
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + ": " + rate + " (expected: 0..1)");
    }
  }
}
