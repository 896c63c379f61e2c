package io.inferoute.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the endpoints, indexed for the hot path.
 *
 * <p>Everything a decision looks up is precomputed here: endpoints by id (an array), by name and
 * address, and the candidates of each model. A fleet is replaced as a whole, never changed.
 */
public final class Fleet {
  private static final Endpoint[] NONE = new Endpoint[0];

  private final List<Endpoint> endpoints;
  private final @Nullable Endpoint[] byId;
  private final Map<String, Endpoint> byName;
  private final Map<String, Endpoint> byAddress;
  private final Map<String, Endpoint[]> byModel;
  private final long version;

  Fleet(List<Endpoint> endpoints, long version) {
    this.endpoints = Collections.unmodifiableList(new ArrayList<>(endpoints));
    this.version = version;
    int maxId = -1;
    for (Endpoint e : endpoints) {
      maxId = Math.max(maxId, e.id());
    }
    this.byId = new Endpoint[maxId + 1];
    this.byName = new HashMap<>();
    this.byAddress = new HashMap<>();
    Map<String, List<Endpoint>> models = new HashMap<>();
    for (Endpoint e : endpoints) {
      byId[e.id()] = e;
      byName.put(e.name(), e);
      byAddress.putIfAbsent(e.address(), e);
      for (String model : e.spec().models()) {
        models.computeIfAbsent(model, m -> new ArrayList<>()).add(e);
      }
    }
    this.byModel = new HashMap<>();
    models.forEach((model, list) -> byModel.put(model, list.toArray(NONE)));
  }

  /** The empty fleet. */
  public static Fleet empty() {
    return new Fleet(List.of(), 0);
  }

  /** All endpoints, in policy order. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  public int size() {
    return endpoints.size();
  }

  /** One more than the highest id; arrays indexed by id need this length. */
  public int idLimit() {
    return byId.length;
  }

  /** Increases with every snapshot the registry publishes. */
  public long version() {
    return version;
  }

  public @Nullable Endpoint byId(int id) {
    return id >= 0 && id < byId.length ? byId[id] : null;
  }

  public @Nullable Endpoint byName(String name) {
    return byName.get(name);
  }

  /** The endpoint at {@code ip:port} (as Envoy reports the served endpoint), or null. */
  public @Nullable Endpoint byAddress(String address) {
    return byAddress.get(address);
  }

  /** The endpoints that serve a model, in policy order; empty when none does. Do not modify. */
  public Endpoint[] servingModel(String model) {
    Endpoint[] list = byModel.get(model);
    return list == null ? NONE : list;
  }

  /** Every model some endpoint serves. */
  public java.util.Set<String> models() {
    return Collections.unmodifiableSet(byModel.keySet());
  }
}
