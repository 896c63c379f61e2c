package io.inferoute.istio;

import java.util.List;

/**
 * A publish that happened.
 *
 * @param outcome {@link PublishOutcome#APPLIED} or {@link PublishOutcome#UNCHANGED}
 * @param warnings things an operator should fix, e.g. a rule without outlier detection
 */
public record PublishReceipt(PublishOutcome outcome, List<String> warnings) {
  public PublishReceipt {
    warnings = List.copyOf(warnings);
  }
}
