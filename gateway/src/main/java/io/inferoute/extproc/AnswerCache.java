package io.inferoute.extproc;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.routing.Placement;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The immutable parts of a placement answer, built once per endpoint and reused: the destination
 * and tier header options, and the {@code envoy.lb} metadata for the endpoint's last destination
 * list. Building them per request (UTF-8 copies, two protobuf maps, the joined address list) was
 * most of the answer's cost.
 *
 * <p>Slots are indexed by endpoint id and hold immutable entries that remember their endpoint,
 * so an entry built for an endpoint of an older fleet snapshot (an id reused, an address changed)
 * is never served for another: it is rebuilt. Entries are published by a plain volatile slot
 * write; two threads racing on one slot both build a correct entry and the last one stays.
 * Thread-safe; memory is one entry per endpoint id.
 */
final class AnswerCache {
  /** What is fixed for one primary endpoint and one destination list. */
  private record Entry(Endpoint primary, HeaderValueOption destination, HeaderValueOption tier,
      Endpoint @Nullable [] fallbacks, @Nullable Struct metadata) {
    boolean sameFallbacks(Placement p) {
      if (fallbacks == null || fallbacks.length != p.fallbackCount()) {
        return false;
      }
      for (int i = 0; i < fallbacks.length; i++) {
        if (fallbacks[i] != p.fallback(i)) {
          return false;
        }
      }
      return true;
    }
  }

  private volatile AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(64);

  /** The destination header option for {@code e}. */
  HeaderValueOption destination(Endpoint e) {
    return slot(e).destination;
  }

  /** The tier header option for {@code e}. */
  HeaderValueOption tier(Endpoint e) {
    return slot(e).tier;
  }

  /** The {@code envoy.lb} metadata of a placement dispatched to its primary. */
  Struct metadata(Placement p) {
    Endpoint primary = p.primary();
    Entry entry = slot(primary);
    Struct cached = entry.metadata;
    if (cached != null && entry.sameFallbacks(p)) {
      return cached;
    }
    Endpoint[] fallbacks = new Endpoint[p.fallbackCount()];
    for (int i = 0; i < fallbacks.length; i++) {
      fallbacks[i] = p.fallback(i);
    }
    Struct metadata = Answers.lbMetadata(p.destinations());
    store(primary.id(), new Entry(primary, entry.destination, entry.tier, fallbacks, metadata));
    return metadata;
  }

  private Entry slot(Endpoint e) {
    AtomicReferenceArray<Entry> all = slots;
    Entry entry = e.id() < all.length() ? all.get(e.id()) : null;
    if (entry != null && entry.primary == e) {
      return entry;
    }
    Entry built = new Entry(e, Answers.set(EnvoyHeaders.DESTINATION, e.address()),
        Answers.set(Placer.TIER_HEADER, e.spec().tier()), null, null);
    store(e.id(), built);
    return built;
  }

  private void store(int id, Entry entry) {
    AtomicReferenceArray<Entry> all = slots;
    if (id >= all.length()) {
      synchronized (this) {
        all = slots;
        if (id >= all.length()) {
          AtomicReferenceArray<Entry> grown =
              new AtomicReferenceArray<>(Math.max(id + 1, all.length() * 2));
          for (int i = 0; i < all.length(); i++) {
            grown.set(i, all.get(i));
          }
          slots = all = grown;
        }
      }
    }
    all.set(id, entry);
  }
}
