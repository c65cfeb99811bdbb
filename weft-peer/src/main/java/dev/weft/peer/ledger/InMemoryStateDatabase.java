package dev.weft.peer.ledger;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A state database held in memory, for tests and benchmarks.
 *
 * <p>Committed state is immutable: each block replaces the maps of the namespaces it touches (copy
 * on write), so a snapshot is simply the state object current when it was taken, and readers never
 * lock.
 */
public final class InMemoryStateDatabase implements StateDatabase {

  private record State(
      Map<String, NavigableMap<String, VersionedValue>> namespaces, Height height) {}

  private final AtomicReference<State> current = new AtomicReference<>(new State(Map.of(), null));

  @Override
  public StateSnapshot snapshot() {
    return new Snapshot(current.get());
  }

  @Override
  public synchronized void apply(StateUpdates updates, Height savepoint) {
    State before = current.get();
    if (before.height() != null && savepoint.compareTo(before.height()) <= 0) {
      throw new IllegalArgumentException(
          "savepoint " + savepoint + " is not after the last one " + before.height());
    }
    Map<String, NavigableMap<String, VersionedValue>> namespaces =
        new HashMap<>(before.namespaces());
    for (Map.Entry<String, SortedMap<String, Optional<VersionedValue>>> ns :
        updates.byNamespace().entrySet()) {
      NavigableMap<String, VersionedValue> keys =
          new TreeMap<>(namespaces.getOrDefault(ns.getKey(), new TreeMap<>(KeyOrder.INSTANCE)));
      ns.getValue()
          .forEach(
              (key, value) -> {
                if (value.isPresent()) {
                  keys.put(key, value.get());
                } else {
                  keys.remove(key);
                }
              });
      namespaces.put(ns.getKey(), keys);
    }
    current.set(new State(Map.copyOf(namespaces), savepoint));
  }

  @Override
  public Optional<Height> savepoint() {
    return Optional.ofNullable(current.get().height());
  }

  @Override
  public void close() {
    // Nothing to release: the state is garbage once unreferenced.
  }

  private static final class Snapshot implements StateSnapshot {
    private final State state;

    Snapshot(State state) {
      this.state = state;
    }

    @Override
    public Optional<VersionedValue> get(String namespace, String key) {
      NavigableMap<String, VersionedValue> keys = state.namespaces().get(namespace);
      return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
    }

    @Override
    public StateIterator range(String namespace, String startKey, String endKey) {
      NavigableMap<String, VersionedValue> keys =
          state.namespaces().getOrDefault(namespace, new TreeMap<>(KeyOrder.INSTANCE));
      NavigableMap<String, VersionedValue> slice =
          endKey.isEmpty()
              ? keys.tailMap(startKey, true)
              : KeyOrder.INSTANCE.compare(startKey, endKey) >= 0
                  ? new TreeMap<>(KeyOrder.INSTANCE)
                  : keys.subMap(startKey, true, endKey, false);
      Iterator<Map.Entry<String, VersionedValue>> entries = slice.entrySet().iterator();
      return new StateIterator() {
        @Override
        public StateEntry next() {
          if (!entries.hasNext()) {
            return null;
          }
          Map.Entry<String, VersionedValue> e = entries.next();
          return new StateEntry(e.getKey(), e.getValue());
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
