package io.inferoute.policy;

import io.inferoute.policy.yaml.PolicyYaml;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the active routing policy in step with a file, applying a new version only when it is valid
 * as a whole.
 *
 * <p>Each change is read, validated and, when valid, handed to the listener (the engine compiles and
 * swaps its snapshot there) and then published by one volatile write; readers of {@link #current()}
 * see either the old or the new policy, never a mix. An invalid file, or one the listener refuses
 * by throwing, is rejected: the last good policy stays, the errors go to the log and to
 * {@link #status()}, and the {@code rejected} count of {@value #RELOAD_METRIC} grows.
 */
public final class PolicyReloader implements AutoCloseable {
  /** The name under which the reload counters are exported, with a {@code result} label. */
  public static final String RELOAD_METRIC = "inferoute_policy_reload_total";

  private static final System.Logger LOG = System.getLogger(PolicyReloader.class.getName());

  private final Path file;
  private final Clock clock;
  private final Consumer<RoutingPolicy> listener;
  private final Map<ReloadOutcome, LongAdder> counts = new EnumMap<>(ReloadOutcome.class);
  private final Object reloadLock = new Object();
  private volatile State state;
  private volatile @Nullable DirectoryWatcher watcher;
  /** Hash of the content last attempted (accepted or not); guarded by reloadLock. */
  private String lastSeenHash;

  private PolicyReloader(Builder b, PolicyLoadResult initial) {
    this.file = b.file;
    this.clock = b.clock;
    this.listener = b.listener;
    for (ReloadOutcome o : ReloadOutcome.values()) {
      counts.put(o, new LongAdder());
    }
    counts.get(ReloadOutcome.ACCEPTED).increment();
    Instant now = clock.instant();
    this.lastSeenHash = initial.sha256();
    this.state = new State(initial.requirePolicy(), new PolicyStatus(file.toString(),
        initial.requirePolicy().name(), 1, initial.sha256(), now, now, ReloadOutcome.ACCEPTED,
        List.of(), initial.warnings(), 1, 0, 0));
  }

  /** A builder for a reloader of {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /** The active policy: one volatile read, never null. */
  public RoutingPolicy current() {
    return state.policy();
  }

  /** The active policy's identity and the last attempt's outcome. */
  public PolicyStatus status() {
    return state.status();
  }

  /** The number of reload attempts with {@code outcome} (the initial load counts as accepted). */
  public long count(ReloadOutcome outcome) {
    return counts.get(outcome).sum();
  }

  /** Checks the file now, on the calling thread; the watcher calls this after changes settle. */
  public ReloadOutcome reloadNow() {
    synchronized (reloadLock) {
      byte[] bytes = read();
      String hash = bytes == null ? "" : PolicyYaml.sha256(bytes);
      if (hash.equals(lastSeenHash)) {
        return finish(ReloadOutcome.UNCHANGED, null, null);
      }
      lastSeenHash = hash;
      PolicyLoadResult result = bytes == null ? PolicyLoader.load(file) : PolicyYaml.read(bytes, file.toString());
      if (!result.ok()) {
        LOG.log(Level.WARNING, "rejected routing policy, keeping " + current().name() + ":\n" + result.describe());
        return finish(ReloadOutcome.REJECTED, result, null);
      }
      RoutingPolicy policy = result.requirePolicy();
      try {
        listener.accept(policy);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "routing policy listener refused " + policy.name(), t);
        PolicyLoadResult refused = new PolicyLoadResult(result.file(), null, List.of(
            PolicyProblem.ofFile(result.file(), "refused by the router: " + t)), result.warnings(), hash);
        return finish(ReloadOutcome.REJECTED, refused, null);
      }
      return finish(ReloadOutcome.ACCEPTED, result, policy);
    }
  }

  private @Nullable byte[] read() {
    try {
      if (Files.size(file) > PolicyLoader.MAX_BYTES) {
        return null; // PolicyLoader.load reports the size without reading
      }
      try (InputStream in = Files.newInputStream(file)) {
        return in.readNBytes(PolicyLoader.MAX_BYTES + 1);
      }
    } catch (IOException e) {
      return null; // PolicyLoader.load reports why
    }
  }

  private ReloadOutcome finish(ReloadOutcome outcome, @Nullable PolicyLoadResult result,
      @Nullable RoutingPolicy accepted) {
    counts.get(outcome).increment();
    State s = state;
    PolicyStatus old = s.status();
    Instant now = clock.instant();
    PolicyStatus status = switch (outcome) {
      case UNCHANGED -> new PolicyStatus(old.file(), old.policyName(), old.generation(), old.sha256(),
          old.loadedAt(), now, outcome, old.errors(), old.warnings(), count(ReloadOutcome.ACCEPTED),
          count(ReloadOutcome.REJECTED), count(ReloadOutcome.UNCHANGED));
      case REJECTED -> new PolicyStatus(old.file(), old.policyName(), old.generation(), old.sha256(),
          old.loadedAt(), now, outcome, result.errors(), old.warnings(), count(ReloadOutcome.ACCEPTED),
          count(ReloadOutcome.REJECTED), count(ReloadOutcome.UNCHANGED));
      case ACCEPTED -> new PolicyStatus(old.file(), accepted.name(), old.generation() + 1,
          result.sha256(), now, now, outcome, List.of(), result.warnings(), count(ReloadOutcome.ACCEPTED),
          count(ReloadOutcome.REJECTED), count(ReloadOutcome.UNCHANGED));
    };
    // One volatile write publishes the policy and its status together.
    state = new State(accepted != null ? accepted : s.policy(), status);
    return outcome;
  }

  /** Stops watching; the last policy stays readable. */
  @Override
  public void close() {
    DirectoryWatcher w = watcher;
    if (w != null) {
      w.close();
    }
  }

  private record State(RoutingPolicy policy, PolicyStatus status) {}

  /** Configures and starts a {@link PolicyReloader}. */
  public static final class Builder {
    private final Path file;
    private Duration debounce = Duration.ofMillis(500);
    private Duration pollInterval = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Consumer<RoutingPolicy> listener = p -> { };
    private boolean watch = true;

    private Builder(Path file) {
      this.file = file.toAbsolutePath();
    }

    /** Quiet time after the last file event before reloading (default 500 ms). */
    public Builder debounce(Duration debounce) {
      this.debounce = requirePositive("debounce", debounce);
      return this;
    }

    /** Checks the file this often even without events (default 30 s), for unwatchable mounts. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = requirePositive("pollInterval", pollInterval);
      return this;
    }

    /** The clock for {@link PolicyStatus} timestamps (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Receives each new valid policy on the reloader's thread, before {@link #current()} changes;
     * throwing refuses the policy (it is then counted as rejected). Not called for the initial load:
     * use {@link PolicyReloader#current()} after {@link #start()}.
     */
    public Builder listener(Consumer<RoutingPolicy> listener) {
      this.listener = listener;
      return this;
    }

    /** Whether to watch the file (default true); without, only {@link #reloadNow()} reloads. */
    public Builder watch(boolean watch) {
      this.watch = watch;
      return this;
    }

    /**
     * Loads the file and starts watching it.
     *
     * @throws InvalidPolicyException when the file is not a valid policy: there is nothing to keep
     * @throws IOException when the directory cannot be watched
     */
    public PolicyReloader start() throws IOException {
      PolicyLoadResult initial = PolicyLoader.load(file);
      if (!initial.ok()) {
        throw new InvalidPolicyException(initial);
      }
      PolicyReloader reloader = new PolicyReloader(this, initial);
      if (watch) {
        reloader.watcher = new DirectoryWatcher(file.getParent(), debounce, pollInterval, reloader::reloadNow);
      }
      return reloader;
    }

    private static Duration requirePositive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + ": " + d + " (expected: a duration > 0)");
      }
      return d;
    }
  }
}
