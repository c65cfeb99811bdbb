package dev.weft.peer.ledger;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state changes of one block: for each namespace and key, the new value or a deletion. Later
 * changes to a key replace earlier ones.
 */
public final class StateUpdates {

  private final Map<String, SortedMap<String, Optional<VersionedValue>>> byNamespace =
      new HashMap<>();

  /** Sets a key to a new value. */
  public void put(String namespace, String key, VersionedValue value) {
    keys(namespace).put(key, Optional.of(value));
  }

  /** Deletes a key (and its metadata). */
  public void delete(String namespace, String key) {
    keys(namespace).put(key, Optional.empty());
  }

  /**
   * The change to a key, if these updates change it: a present optional holds the new value, an
   * empty one means deleted.
   */
  public Optional<Optional<VersionedValue>> change(String namespace, String key) {
    SortedMap<String, Optional<VersionedValue>> keys = byNamespace.get(namespace);
    return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
  }

  /** The changes of every namespace; empty optionals are deletions. */
  public Map<String, SortedMap<String, Optional<VersionedValue>>> byNamespace() {
    return Collections.unmodifiableMap(byNamespace);
  }

  /** Whether there is no change at all. */
  public boolean isEmpty() {
    return byNamespace.isEmpty();
  }

  private SortedMap<String, Optional<VersionedValue>> keys(String namespace) {
    return byNamespace.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.INSTANCE));
  }
}
