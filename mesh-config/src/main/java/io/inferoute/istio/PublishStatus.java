package io.inferoute.istio;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the weight publisher has done, for {@code /admin} and metrics: counters by outcome, the
 * weights in force per service, and each service's retry state.
 *
 * @param leader whether this replica writes (the others compute and stand by)
 * @param counts publish attempts by outcome since start
 * @param published the setting last written per service: the weights in force
 * @param pending per service, the setting a stand-by replica would write now (empty on the leader)
 * @param services per service, the last attempt's outcome and the retry state
 * @param loopFailures cycles that failed as a whole (telemetry source threw, a bug); never fatal
 */
public record PublishStatus(
    boolean leader,
    Map<PublishOutcome, Long> counts,
    Map<String, LocalityLbSetting> published,
    Map<String, LocalityLbSetting> pending,
    Map<String, ServiceStatus> services,
    long loopFailures) {

  public PublishStatus {
    counts = Map.copyOf(counts);
    published = Map.copyOf(published);
    pending = Map.copyOf(pending);
    services = Map.copyOf(services);
  }

  /**
   * One service's publishing state.
   *
   * @param lastOutcome how the last attempt ended
   * @param lastError the last failure's message, or null after a success
   * @param consecutiveFailures failures since the last success
   * @param nextAttempt no attempt before this instant (back-off), or null
   * @param lastWarnings warnings of the last successful publish
   */
  public record ServiceStatus(
      PublishOutcome lastOutcome,
      @Nullable String lastError,
      int consecutiveFailures,
      @Nullable Instant nextAttempt,
      List<String> lastWarnings) {}
}
