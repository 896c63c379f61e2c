package io.inferoute.policy;

import io.inferoute.internal.Checks;

/**
 * What an endpoint costs, in one currency unit chosen by the operator.
 *
 * @param inputPerMillionTokens price of 1M prompt tokens
 * @param outputPerMillionTokens price of 1M generated tokens
 * @param perRequest a fixed price per request
 */
public record Cost(double inputPerMillionTokens, double outputPerMillionTokens, double perRequest) {
  public static final Cost FREE = new Cost(0, 0, 0);

  public Cost {
    Checks.nonNegative("cost.inputPerMillionTokens", inputPerMillionTokens);
    Checks.nonNegative("cost.outputPerMillionTokens", outputPerMillionTokens);
    Checks.nonNegative("cost.perRequest", perRequest);
  }

  /** Estimated price of one request with the given token counts. */
  public double estimate(long inputTokens, long outputTokens) {
    return perRequest
        + inputTokens * inputPerMillionTokens / 1e6
        + outputTokens * outputPerMillionTokens / 1e6;
  }

  /**
   * Estimated price per 1M tokens of one request (input and output together), the unit of route
   * budgets; the per-request price is spread over the request's tokens.
   */
  public double perMillionTokens(long inputTokens, long outputTokens) {
    long tokens = Math.max(1, inputTokens + outputTokens);
    return estimate(inputTokens, outputTokens) * 1e6 / tokens;
  }
}
