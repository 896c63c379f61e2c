package io.inferoute.istio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Writes nothing; logs each change as a diff against what it was last given for that rule. */
final class DryRunPublisher implements LocalityLbPublisher {

  private final Consumer<String> log;
  // Only the WeightPublisher thread calls publish.
  private final Map<String, LocalityLbSetting> last = new HashMap<>();

  DryRunPublisher(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public PublishReceipt publish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException {
    LocalityLbValidator.Findings findings = LocalityLbValidator.check(setting, true);
    if (!findings.valid()) {
      throw new PublishException(PublishOutcome.INVALID, target.ref() + ": " + findings.errors());
    }
    List<String> diff = WeightDiff.lines(last.put(target.ref(), setting), setting);
    if (diff.isEmpty()) {
      return new PublishReceipt(PublishOutcome.UNCHANGED, List.of());
    }
    log.accept("dry-run " + target.ref() + " localityLbSetting: " + String.join("; ", diff));
    return new PublishReceipt(PublishOutcome.APPLIED, List.of());
  }
}
