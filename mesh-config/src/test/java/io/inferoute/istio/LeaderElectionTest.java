package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {

  private static final LeaderElection.Timings FAST = new LeaderElection.Timings(
      Duration.ofMillis(1_500), Duration.ofMillis(1_000), Duration.ofMillis(200));
  private static final Duration BOUND = Duration.ofSeconds(20);

  KubernetesClient client;
  private final List<LeaderElection> electors = new ArrayList<>();

  @AfterEach
  void stopAll() {
    electors.forEach(LeaderElection::close);
  }

  private LeaderElection elector(String name) {
    LeaderElection e = LeaderElection.start(client, "inferoute-system", "inferoute-weights", name, FAST);
    electors.add(e);
    return e;
  }

  private List<LeaderElection> leaders() {
    return electors.stream().filter(LeaderElection::isLeader).toList();
  }

  @Test
  void ofThreeElectorsExactlyOneLeadsAndHoldsTheLease() {
    elector("pod-a");
    elector("pod-b");
    elector("pod-c");

    await().atMost(BOUND).until(() -> leaders().size() == 1);
    LeaderElection leader = leaders().get(0);
    Lease lease = client.leases().inNamespace("inferoute-system").withName("inferoute-weights").get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.identity());
    // And it stays the only one through several renewal periods.
    await().during(Duration.ofMillis(800)).atMost(BOUND).until(() -> leaders().equals(List.of(leader)));
  }

  @Test
  void anotherTakesOverWhenTheLeaderStopsAndOnlyTheLeaderPublishes() {
    List<String> writers = new CopyOnWriteArrayList<>();
    elector("pod-a");
    elector("pod-b");
    elector("pod-c");
    List<WeightPublisher> loops = new ArrayList<>();
    for (LeaderElection e : electors) {
      LocalityLbPublisher sink = (target, setting) -> {
        writers.add(e.identity());
        return new PublishReceipt(PublishOutcome.APPLIED, List.of());
      };
      loops.add(new WeightPublisher(() -> Rows.now(Rows.idle("llm", "eu/a", 8)), () -> Rows.gateways("eu/a"),
          new LocalityWeightCalculator(WeightSettings.DEFAULT), sink,
          List.of(new DestinationRuleTarget("llm", "inference", "llm", "llm.inference.svc.cluster.local")),
          e::isLeader, java.time.InstantSource.system(), Backoff.defaults()));
    }
    await().atMost(BOUND).until(() -> leaders().size() == 1);
    LeaderElection first = leaders().get(0);
    loops.forEach(WeightPublisher::runOnce);
    assertThat(writers).containsExactly(first.identity());

    first.close();

    await().atMost(BOUND).until(() -> leaders().size() == 1 && leaders().get(0) != first);
    LeaderElection second = leaders().get(0);
    writers.clear();
    loops.forEach(WeightPublisher::runOnce);
    assertThat(writers).containsExactly(second.identity());
    assertThat(second.identity()).isNotEqualTo(first.identity());
  }
}
