package io.inferoute.endpoint;

import io.inferoute.breaker.CircuitBreaker;
import io.inferoute.breaker.EjectionBudget;
import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.policy.TelemetrySettings;
import io.inferoute.telemetry.EndpointTelemetry;
import io.inferoute.time.Ticker;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Publishes immutable {@link Fleet} snapshots and keeps each endpoint's live state across them.
 *
 * <p>Writers are serialised (updates are rare: a policy reload or a discovery event); readers do
 * one volatile read. An endpoint that stays (same name) keeps its id, telemetry and breaker even
 * when its spec changes; one that leaves releases its breaker's ejection budget and its id, and the
 * removal listeners hear of it (the affinity index forgets it). Ids are the lowest free ones, so
 * arrays indexed by id stay as small as the fleet.
 */
public final class EndpointRegistry {
  private static final System.Logger LOG = System.getLogger(EndpointRegistry.class.getName());

  private final Ticker ticker;
  private final EjectionBudget ejectionBudget;
  private final List<Consumer<Endpoint>> removalListeners = new CopyOnWriteArrayList<>();
  private final Object writeLock = new Object();
  private final BitSet usedIds = new BitSet();
  private volatile Fleet fleet = Fleet.empty();
  private TelemetrySettings telemetrySettings;
  private BreakerSettings breakerSettings;

  public EndpointRegistry(TelemetrySettings telemetry, BreakerSettings breaker, Ticker ticker) {
    this.telemetrySettings = telemetry;
    this.breakerSettings = breaker;
    this.ticker = ticker;
    this.ejectionBudget = EjectionBudget.create(breaker.maxEjectionPercent());
  }

  /** The current snapshot: one volatile read. */
  public Fleet fleet() {
    return fleet;
  }

  /** Called with each endpoint that leaves the fleet, after the new snapshot is visible. */
  public void onRemoval(Consumer<Endpoint> listener) {
    removalListeners.add(listener);
  }

  /**
   * Replaces the fleet with these specs. Endpoints keep their live state by name; breakers of
   * endpoints that stay keep their state even if the breaker settings change (new settings apply to
   * endpoints that join); telemetry settings apply likewise to new endpoints.
   *
   * @return the published snapshot
   */
  public Fleet update(List<EndpointSpec> specs, TelemetrySettings telemetry, BreakerSettings breaker) {
    List<Endpoint> removed = new ArrayList<>();
    Fleet next;
    synchronized (writeLock) {
      this.telemetrySettings = telemetry;
      this.breakerSettings = breaker;
      Fleet previous = fleet;
      Map<String, Endpoint> old = new HashMap<>();
      for (Endpoint e : previous.endpoints()) {
        old.put(e.name(), e);
      }
      List<Endpoint> endpoints = new ArrayList<>(specs.size());
      for (EndpointSpec spec : specs) {
        Endpoint kept = old.remove(spec.name());
        endpoints.add(kept == null ? create(spec) : carryOver(kept, spec));
      }
      for (Endpoint gone : old.values()) {
        usedIds.clear(gone.id());
        gone.breaker().release();
        removed.add(gone);
      }
      ejectionBudget.setFleetSize(endpoints.size());
      next = new Fleet(endpoints, previous.version() + 1);
      fleet = next;
    }
    for (Endpoint gone : removed) {
      notifyRemoved(gone);
    }
    return next;
  }

  /** The same as {@link #update(List, TelemetrySettings, BreakerSettings)} with the current settings. */
  public Fleet update(List<EndpointSpec> specs) {
    return update(specs, telemetrySettings, breakerSettings);
  }

  private Endpoint create(EndpointSpec spec) {
    int id = usedIds.nextClearBit(0);
    usedIds.set(id);
    EndpointTelemetry telemetry = EndpointTelemetry.create(telemetrySettings, ticker);
    CircuitBreaker breaker = CircuitBreaker.create(spec.name(), breakerSettings, ticker, ejectionBudget);
    return new Endpoint(id, spec, telemetry, breaker);
  }

  private static Endpoint carryOver(Endpoint kept, EndpointSpec spec) {
    return kept.spec().equals(spec)
        ? kept
        : new Endpoint(kept.id(), spec, kept.telemetry(), kept.breaker());
  }

  private void notifyRemoved(Endpoint gone) {
    for (Consumer<Endpoint> listener : removalListeners) {
      try {
        listener.accept(gone);
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "endpoint removal listener failed for " + gone.name(), t);
      }
    }
  }
}
