package io.inferoute.istio;

/** A publish that did not happen, with the outcome to count and retry by. */
public final class PublishException extends Exception {

  private final PublishOutcome outcome;

  /** A failure classified as {@code outcome}. */
  public PublishException(PublishOutcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
  }

  /** A failure without a cause. */
  public PublishException(PublishOutcome outcome, String message) {
    super(message);
    this.outcome = outcome;
  }

  /** How the attempt ended. */
  public PublishOutcome outcome() {
    return outcome;
  }
}
