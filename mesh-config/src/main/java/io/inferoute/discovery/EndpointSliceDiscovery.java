package io.inferoute.discovery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.inferoute.policy.EndpointSpec;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Discovers inference endpoints from Kubernetes EndpointSlices (fabric8 informers), for the engine's
 * registry beside the policy's static endpoints.
 *
 * <p>Two informers, EndpointSlices selected by labels and nodes (for their topology labels), keep
 * local caches; on every change the whole endpoint list is rebuilt from the caches and, if it
 * differs from the last one, handed to the listener. An endpoint that disappears from the list
 * (deleted, not ready, terminating) is for the registry to drain. Informers re-list and re-watch by
 * themselves after a lost watch; failures are counted ({@link #watchErrors}) and never stop them.
 */
public final class EndpointSliceDiscovery implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EndpointSliceDiscovery.class.getName());

  private final DiscoverySettings settings;
  private final Consumer<List<EndpointSpec>> listener;
  private final LongAdder watchErrors = new LongAdder();
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<EndpointSlice> slices;
  private volatile List<EndpointSpec> current = List.of();
  private boolean delivered;

  private EndpointSliceDiscovery(KubernetesClient client, DiscoverySettings settings,
      Consumer<List<EndpointSpec>> listener) {
    this.settings = settings;
    this.listener = listener;
    this.nodes = client.nodes().runnableInformer(0);
    this.slices = client.discovery().v1().endpointSlices().inNamespace(settings.namespace())
        .withLabels(settings.selector()).runnableInformer(0);
    for (SharedIndexInformer<?> informer : List.of(nodes, slices)) {
      informer.exceptionHandler((started, error) -> {
        watchErrors.increment();
        LOG.log(Level.WARNING, "endpoint discovery: watch failed; the informer re-lists and retries", error);
        return true;
      });
    }
    nodes.addEventHandler(new Rebuild<>());
    slices.addEventHandler(new Rebuild<>());
  }

  /**
   * Starts watching; the listener gets the first list once both caches are synced, then every change.
   * The listener runs on an informer thread: it should swap a snapshot and return.
   */
  public static EndpointSliceDiscovery start(KubernetesClient client, DiscoverySettings settings,
      Consumer<List<EndpointSpec>> listener) {
    EndpointSliceDiscovery discovery = new EndpointSliceDiscovery(client, settings, listener);
    // Events that arrive before both caches have synced are skipped; this rebuild covers them.
    CompletableFuture.allOf(discovery.nodes.start().toCompletableFuture(),
            discovery.slices.start().toCompletableFuture())
        .thenRun(discovery::rebuild);
    return discovery;
  }

  /** The endpoints discovered so far, sorted by name. */
  public List<EndpointSpec> current() {
    return current;
  }

  /** Watch and list failures since start (each followed by the informer's own retry). */
  public long watchErrors() {
    return watchErrors.sum();
  }

  private synchronized void rebuild() {
    if (!nodes.hasSynced() || !slices.hasSynced()) {
      return;
    }
    Map<String, EndpointSpec> byName = SliceMapper.map(slices.getStore().list(),
        name -> nodes.getStore().getByKey(name), settings);
    List<EndpointSpec> next = List.copyOf(byName.values());
    // The first list goes out even when empty: the registry learns that discovery is ready.
    if (delivered && next.equals(current)) {
      return;
    }
    delivered = true;
    current = next;
    try {
      listener.accept(next);
    } catch (Throwable t) { // the registry's problem must not stop discovery
      LOG.log(Level.WARNING, "endpoint discovery: listener failed", t);
    }
  }

  /**
   * Stops both informers; their watches close asynchronously.
   *
   * <p>In fabric8 7.x an informer's {@code stopped()} stage is complete as soon as {@code close()}
   * returns (waiting on it waits for nothing), while the watch's WebSocket Close handshake still runs
   * on the client's threads. Close the {@link KubernetesClient} only after the API server side is done
   * with it (in tests: destroy the mock server first), or a half-closed watch may be left behind.
   */
  @Override
  public void close() {
    slices.close();
    nodes.close();
  }

  private final class Rebuild<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
      rebuild();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      rebuild();
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      rebuild();
    }
  }
}
