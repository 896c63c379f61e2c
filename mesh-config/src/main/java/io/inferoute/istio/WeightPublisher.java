package io.inferoute.istio;

import io.inferoute.istio.PublishStatus.ServiceStatus;
import io.inferoute.policy.Locality;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The side path's loop: every period, on its own thread, compute the weights from the latest
 * telemetry and, while this replica leads, publish what changed.
 *
 * <p>A failed publish is counted by outcome, retried after an exponential back-off with jitter
 * ({@link Backoff}), and only a successful one moves the {@link WeightState} that hysteresis and the
 * step limit start from. Nothing escapes a cycle: a throwing telemetry source or publisher is
 * counted and logged, and the next cycle runs as usual. Stand-by replicas compute too, so their
 * status shows what they would write.
 *
 * <p>Mutable fields are confined to the loop thread (or the test thread calling {@link #runOnce});
 * {@link #status()} reads a snapshot published through a volatile field.
 */
public final class WeightPublisher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WeightPublisher.class.getName());

  private final Supplier<MeshTelemetry> telemetry;
  private final Supplier<? extends Collection<Locality>> gateways;
  private final LocalityWeightCalculator calculator;
  private final LocalityLbPublisher publisher;
  private final Map<String, DestinationRuleTarget> targets;
  private final BooleanSupplier leader;
  private final InstantSource clock;
  private final Backoff backoff;
  private final Map<PublishOutcome, LongAdder> counts = new EnumMap<>(PublishOutcome.class);
  private final LongAdder loopFailures = new LongAdder();

  private WeightState state = WeightState.empty();
  private final Map<String, ServiceStatus> services = new HashMap<>();
  private volatile PublishStatus status;
  private @Nullable ScheduledExecutorService executor;
  private boolean wasLeading;

  /**
   * A publisher loop, not yet started.
   *
   * @param telemetry the engine's latest per-locality snapshot
   * @param gateways the ingress gateways' localities
   * @param targets where each service's weights go; services without a target are not published
   * @param leader whether this replica may write now ({@link LeaderElection#isLeader})
   */
  public WeightPublisher(Supplier<MeshTelemetry> telemetry, Supplier<? extends Collection<Locality>> gateways,
      LocalityWeightCalculator calculator, LocalityLbPublisher publisher, Collection<DestinationRuleTarget> targets,
      BooleanSupplier leader, InstantSource clock, Backoff backoff) {
    this.telemetry = telemetry;
    this.gateways = gateways;
    this.calculator = calculator;
    this.publisher = publisher;
    this.targets = new HashMap<>();
    targets.forEach(t -> this.targets.put(t.service(), t));
    this.leader = leader;
    this.clock = clock;
    this.backoff = backoff;
    for (PublishOutcome o : PublishOutcome.values()) {
      counts.put(o, new LongAdder());
    }
    this.status = snapshot(false, Map.of());
  }

  /** Runs {@link #runOnce} every {@code period} on a daemon thread of its own, starting now. */
  public synchronized void start(Duration period) {
    if (executor != null) {
      throw new IllegalStateException("weight publisher: already started (expected: start once)");
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inferoute-weight-publisher");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::runOnce, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One cycle: compute, and publish while leading. Never throws. */
  public void runOnce() {
    try {
      cycle();
    } catch (Throwable t) { // a throwing supplier or a bug must not end the loop
      loopFailures.increment();
      LOG.log(Level.WARNING, "weight publisher: cycle failed; next cycle runs as usual", t);
    }
  }

  private void cycle() {
    MeshTelemetry snapshot = telemetry.get();
    WeightUpdate update = calculator.update(state, snapshot, gateways.get());
    boolean leading = leader.getAsBoolean();
    if (!leading) {
      wasLeading = false;
      status = snapshot(false, update.changes());
      return;
    }
    if (!wasLeading) {
      // Another replica may have written since this one last did: start from the targets, whole.
      wasLeading = true;
      state = WeightState.empty();
      update = calculator.update(state, snapshot, gateways.get());
    }
    Instant now = clock.instant();
    update.changes().forEach((service, setting) -> publishOne(service, setting, snapshot.at(), now));
    status = snapshot(true, Map.of());
  }

  private void publishOne(String service, LocalityLbSetting setting, Instant at, Instant now) {
    DestinationRuleTarget target = targets.get(service);
    ServiceStatus last = services.get(service);
    if (target == null || (last != null && last.nextAttempt() != null && now.isBefore(last.nextAttempt()))) {
      return;
    }
    try {
      PublishReceipt receipt = publisher.publish(target, setting);
      state = state.with(service, setting, at);
      count(receipt.outcome());
      services.put(service, new ServiceStatus(receipt.outcome(), null, 0, null, receipt.warnings()));
    } catch (PublishException e) {
      failed(service, last, e.outcome(), e.getMessage(), now);
    } catch (RuntimeException e) { // a publisher bug: counted and retried like any failure
      failed(service, last, PublishOutcome.ERROR, String.valueOf(e), now);
    }
  }

  private void failed(String service, @Nullable ServiceStatus last, PublishOutcome outcome, String message, Instant now) {
    count(outcome);
    int failures = (last == null ? 0 : last.consecutiveFailures()) + 1;
    Instant next = now.plus(backoff.delay(failures));
    services.put(service, new ServiceStatus(outcome, message, failures, next,
        last == null ? List.of() : last.lastWarnings()));
    LOG.log(Level.WARNING, "weight publisher: " + service + ": " + outcome + " (" + message
        + "); attempt " + failures + ", next at " + next);
  }

  private void count(PublishOutcome outcome) {
    counts.get(outcome).increment();
  }

  private PublishStatus snapshot(boolean leading, Map<String, LocalityLbSetting> pending) {
    Map<PublishOutcome, Long> byOutcome = new EnumMap<>(PublishOutcome.class);
    counts.forEach((o, n) -> byOutcome.put(o, n.sum()));
    Map<String, LocalityLbSetting> published = new HashMap<>();
    state.all().forEach((s, p) -> published.put(s, p.setting()));
    return new PublishStatus(leading, byOutcome, published, pending, services, loopFailures.sum());
  }

  /** The latest status; safe from any thread. */
  public PublishStatus status() {
    return status;
  }

  /** Stops the loop thread; an in-flight publish is interrupted. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
