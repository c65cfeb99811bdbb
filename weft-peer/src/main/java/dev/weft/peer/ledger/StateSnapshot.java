package dev.weft.peer.ledger;

import java.util.Optional;

/**
 * A consistent, read-only view of the committed state at one block: commits that happen while it is
 * open are not visible through it. Close it to release what it holds.
 */
public interface StateSnapshot extends AutoCloseable {

  /** The committed value of a key, if it exists. */
  Optional<VersionedValue> get(String namespace, String key);

  /**
   * The keys of a namespace from {@code startKey} (inclusive; empty = the first key) to {@code
   * endKey} (exclusive; empty = past the last key), in {@link KeyOrder}.
   */
  StateIterator range(String namespace, String startKey, String endKey);

  @Override
  void close();
}
