package io.inferoute.policy;

import java.time.Instant;
import java.util.List;

/**
 * What the reloader is doing, for the admin status endpoint: the active policy and the last attempt.
 *
 * @param file the watched file
 * @param policyName {@code metadata.name} of the active policy
 * @param generation 1 for the policy loaded at start, +1 for each accepted reload
 * @param sha256 hex SHA-256 of the active policy file
 * @param loadedAt when the active policy was accepted
 * @param lastAttemptAt when the file was last checked
 * @param lastOutcome what the last check did
 * @param errors why the newest file content was rejected; empty when it is the active policy
 * @param warnings the active policy's warnings
 * @param accepted reloads accepted, including the initial load
 * @param rejected reloads rejected
 * @param unchanged checks that found the content unchanged
 */
public record PolicyStatus(
    String file,
    String policyName,
    long generation,
    String sha256,
    Instant loadedAt,
    Instant lastAttemptAt,
    ReloadOutcome lastOutcome,
    List<PolicyProblem> errors,
    List<PolicyProblem> warnings,
    long accepted,
    long rejected,
    long unchanged) {

  public PolicyStatus {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** The status as one JSON object, field names as in this record. */
  public String toJson() {
    return "{\"file\":" + Json.quote(file) + ",\"policyName\":" + Json.quote(policyName)
        + ",\"generation\":" + generation + ",\"sha256\":" + Json.quote(sha256)
        + ",\"loadedAt\":" + Json.quote(loadedAt.toString())
        + ",\"lastAttemptAt\":" + Json.quote(lastAttemptAt.toString())
        + ",\"lastOutcome\":" + Json.quote(lastOutcome.label())
        + ",\"errors\":" + Json.problems(errors) + ",\"warnings\":" + Json.problems(warnings)
        + ",\"accepted\":" + accepted + ",\"rejected\":" + rejected + ",\"unchanged\":" + unchanged + "}";
  }
}
