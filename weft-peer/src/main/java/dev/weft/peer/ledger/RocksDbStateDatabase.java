package dev.weft.peer.ledger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The state database of one channel in a RocksDB database of its own (keys: {@link StateKeys},
 * values: {@link StateValues}).
 *
 * <p>A block's updates and its savepoint are written in one batch that is synced to disk before
 * {@link #apply} returns: after a crash the database holds all of a block or none of it, and the
 * savepoint says which block was the last. Snapshots are RocksDB snapshots, so a simulation reads
 * one consistent state while later blocks are applied, and neither waits for the other.
 */
public final class RocksDbStateDatabase implements StateDatabase {

  private final RocksDbStore store;
  // Written only by apply (synchronized); null until the first block.
  private volatile Height savepoint;

  private RocksDbStateDatabase(RocksDbStore store, Height savepoint) {
    this.store = store;
    this.savepoint = savepoint;
  }

  /** Opens the state database in {@code directory}, creating it if missing. */
  public static RocksDbStateDatabase open(Path directory) {
    RocksDbStore store = RocksDbStore.open("state database", directory);
    try {
      byte[] stored = store.withDatabase("read the savepoint", db -> db.get(StateKeys.savepoint()));
      return new RocksDbStateDatabase(
          store, stored == null ? null : StateValues.decodeSavepoint(stored));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public StateSnapshot snapshot() {
    return store.withDatabase(
        "take a snapshot",
        db -> store.adopt(RocksDbStateSnapshot.take("snapshot of the " + store.description(), db)));
  }

  @Override
  public synchronized void apply(StateUpdates updates, Height savepoint) {
    Height last = this.savepoint;
    if (last != null && savepoint.compareTo(last) <= 0) {
      throw new IllegalArgumentException(
          "savepoint " + savepoint + " is not after the last one " + last);
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<String, SortedMap<String, Optional<VersionedValue>>> namespace :
          updates.byNamespace().entrySet()) {
        byte[] prefix = StateKeys.namespacePrefix(namespace.getKey());
        for (Map.Entry<String, Optional<VersionedValue>> change : namespace.getValue().entrySet()) {
          byte[] valueKey = StateKeys.valueKey(prefix, change.getKey());
          if (change.getValue().isPresent()) {
            batch.put(valueKey, StateValues.encode(change.getValue().get()));
          } else {
            batch.delete(valueKey);
          }
        }
      }
      batch.put(StateKeys.savepoint(), StateValues.encode(savepoint));
      store.writeDurably("apply block " + savepoint.blockNum(), batch);
    } catch (RocksDBException e) {
      throw new LedgerException(
          store.description() + ": cannot prepare block " + savepoint.blockNum(), e);
    }
    this.savepoint = savepoint;
  }

  @Override
  public Optional<Height> savepoint() {
    return Optional.ofNullable(savepoint);
  }

  /** Releases the open snapshots and their iterators, then the database. Idempotent. */
  @Override
  public void close() {
    store.close();
  }
}
