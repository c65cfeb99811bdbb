package dev.weft.peer.ledger;

import java.util.Optional;

/**
 * The versioned, ordered world state of one channel. Implementations: {@link InMemoryStateDatabase}
 * (tests, benchmarks) and {@link RocksDbStateDatabase}.
 */
public interface StateDatabase extends AutoCloseable {

  /** A consistent view of the state as of the last applied block. */
  StateSnapshot snapshot();

  /** Applies one block's updates atomically and records {@code savepoint} as the last block. */
  void apply(StateUpdates updates, Height savepoint);

  /** The height of the last applied block, if any block was applied. */
  Optional<Height> savepoint();

  @Override
  void close();
}
