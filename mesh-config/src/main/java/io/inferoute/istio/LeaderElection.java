package io.inferoute.istio;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.inferoute.internal.Checks;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes Lease leader election ({@code coordination.k8s.io/v1}), so that one replica writes the
 * weights while the others compute and stand by.
 *
 * <p>A thin layer over fabric8's {@code LeaderElector}: it keeps trying to acquire the Lease, renews
 * it while leading, and releases it on {@link #close} so a successor need not wait for the lease to
 * expire. When renewal fails (the API server unreachable, the Lease taken over), leadership ends
 * and {@link #isLeader} turns false before another replica can acquire the Lease.
 */
public final class LeaderElection implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());

  private final String identity;
  private final ExecutorService executor;
  private volatile boolean leader;
  private volatile @Nullable String currentLeader;
  private @Nullable CompletableFuture<?> running;

  private LeaderElection(String identity) {
    this.identity = identity;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "inferoute-leader-election-" + identity);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Lease timings.
   *
   * @param leaseDuration how long a Lease holds without renewal (default 15 s)
   * @param renewDeadline the leader gives up if it has not renewed for this long (default 10 s)
   * @param retryPeriod how often candidates try and the leader renews (default 2 s)
   */
  public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    /** 15 s / 10 s / 2 s, as Kubernetes controllers use. */
    public static final Timings DEFAULT = new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2));

    public Timings {
      if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0
          && !retryPeriod.isNegative() && !retryPeriod.isZero())) {
        throw new IllegalArgumentException("lease timings: " + leaseDuration + " / " + renewDeadline + " / "
            + retryPeriod + " (expected: leaseDuration > renewDeadline > retryPeriod > 0)");
      }
    }
  }

  /**
   * Starts campaigning for the Lease {@code namespace/leaseName} as {@code identity} (the pod name).
   */
  public static LeaderElection start(KubernetesClient client, String namespace, String leaseName,
      String identity, Timings timings) {
    Checks.name("identity", identity);
    LeaderElection election = new LeaderElection(identity);
    election.campaign(client, namespace, leaseName, timings);
    return election;
  }

  private synchronized void campaign(KubernetesClient client, String namespace, String leaseName, Timings t) {
    LeaderCallbacks callbacks = new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader);
    LeaderElectionConfig config = new LeaderElectionConfig(new LeaseLock(namespace, leaseName, identity),
        t.leaseDuration(), t.renewDeadline(), t.retryPeriod(), callbacks, true, leaseName);
    Executor callbackExecutor = executor;
    running = client.leaderElector().withConfig(config).build().start();
    running.whenCompleteAsync((ok, error) -> {
      leader = false;
      if (error != null && !(error instanceof CancellationException)) {
        LOG.log(Level.WARNING, "leader election " + identity + ": stopped", error);
      }
    }, callbackExecutor);
  }

  private void startedLeading() {
    leader = true;
    LOG.log(Level.INFO, "leader election: " + identity + " leads; it publishes locality weights");
  }

  private void stoppedLeading() {
    leader = false;
    LOG.log(Level.INFO, "leader election: " + identity + " no longer leads");
  }

  private void newLeader(String who) {
    currentLeader = who;
  }

  /** Whether this replica holds the Lease now. */
  public boolean isLeader() {
    return leader;
  }

  /** The identity of the replica last seen holding the Lease. */
  public Optional<String> currentLeader() {
    return Optional.ofNullable(currentLeader);
  }

  /** This replica's identity. */
  public String identity() {
    return identity;
  }

  /** Stops campaigning and releases the Lease if held, so another replica takes over at once. */
  @Override
  public synchronized void close() {
    leader = false;
    if (running != null) {
      running.cancel(true);
    }
    executor.shutdown();
  }
}
