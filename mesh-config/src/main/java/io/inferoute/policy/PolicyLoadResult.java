package io.inferoute.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What loading one policy file gave: the policy when it is valid, and every error and warning.
 *
 * @param file the file name as given to the loader
 * @param policy the policy, or null when there is at least one error
 * @param errors problems that make the file invalid, in file order
 * @param warnings valid but suspicious settings, in file order; they never block loading
 * @param sha256 hex SHA-256 of the file's bytes (empty when the file could not be read)
 */
public record PolicyLoadResult(
    String file,
    @Nullable RoutingPolicy policy,
    List<PolicyProblem> errors,
    List<PolicyProblem> warnings,
    String sha256) {

  public PolicyLoadResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if ((policy == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("policy: " + (policy == null ? "null" : policy.name())
          + " with " + errors.size() + " errors (expected: a policy exactly when there are no errors)");
    }
  }

  /** True when the file is valid (there may still be warnings). */
  public boolean ok() {
    return policy != null;
  }

  /** The policy; call only when {@link #ok()}. */
  public RoutingPolicy requirePolicy() {
    if (policy == null) {
      throw new IllegalStateException(file + ": invalid policy (" + errors.size() + " errors)");
    }
    return policy;
  }

  /** One line per error, then one per warning prefixed {@code warning: }, as a CLI prints them. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (PolicyProblem e : errors) {
      sb.append(e).append('\n');
    }
    for (PolicyProblem w : warnings) {
      sb.append(w.asWarning()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The result as one JSON object, for {@code validate --format json}: {@code file}, {@code ok},
   * {@code policy} (its name or null), {@code sha256}, {@code errors}, {@code warnings}.
   */
  public String toJson() {
    return "{\"file\":" + Json.quote(file) + ",\"ok\":" + ok()
        + ",\"policy\":" + (policy == null ? "null" : Json.quote(policy.name()))
        + ",\"sha256\":" + Json.quote(sha256)
        + ",\"errors\":" + Json.problems(errors)
        + ",\"warnings\":" + Json.problems(warnings) + "}";
  }
}
