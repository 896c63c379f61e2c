package io.inferoute.policy;

/** Thrown when a policy must be valid to proceed (at start-up) and is not; carries every problem. */
public final class InvalidPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient PolicyLoadResult result;

  public InvalidPolicyException(PolicyLoadResult result) {
    super("invalid routing policy " + result.file() + ":\n" + result.describe());
    this.result = result;
  }

  /** The load result with the errors. */
  public PolicyLoadResult result() {
    return result;
  }
}
