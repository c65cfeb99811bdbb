package dev.weft.peer.ledger;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The state database of one channel in a RocksDB column family (keys: {@link StateKeys}, values:
 * {@link StateValues}).
 *
 * <p>A block's updates and its savepoint go into one write batch, which the ledger writes together
 * with the block and its history (see {@link RocksDbLedgerStorage}): after a crash the database
 * holds all of a block or none of it, and the savepoint says which block was the last. Snapshots
 * are RocksDB snapshots, so a simulation reads one consistent state while later blocks are applied,
 * and neither waits for the other.
 */
public final class RocksDbStateDatabase implements StateDatabase {

  static final String FAMILY = "state";

  private final RocksDbStore store;
  private final ColumnFamilyHandle family;
  private final boolean ownsStore;
  // Written only under the lock of whoever applies blocks; null until the first block.
  private volatile Height savepoint;

  private RocksDbStateDatabase(RocksDbStore store, boolean ownsStore) {
    this.store = store;
    this.family = store.family(FAMILY);
    this.ownsStore = ownsStore;
    byte[] stored =
        store.withDatabase("read the savepoint", db -> db.get(family, StateKeys.savepoint()));
    this.savepoint = stored == null ? null : StateValues.decodeSavepoint(stored);
  }

  /** Opens a state database of its own in {@code directory}, creating it if missing. */
  public static RocksDbStateDatabase open(Path directory) {
    RocksDbStore store =
        RocksDbStore.open(
            "state database", directory, List.of(new RocksDbStore.Family(FAMILY, false)));
    try {
      return new RocksDbStateDatabase(store, true);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The state kept in the {@value #FAMILY} family of a store that its opener closes. */
  static RocksDbStateDatabase in(RocksDbStore store) {
    return new RocksDbStateDatabase(store, false);
  }

  @Override
  public StateSnapshot snapshot() {
    return store.withDatabase(
        "take a snapshot",
        db ->
            store.adopt(
                RocksDbStateSnapshot.take("snapshot of the " + store.description(), db, family)));
  }

  @Override
  public synchronized void apply(StateUpdates updates, Height savepoint) {
    store.writeDurably(
        "apply block " + savepoint.blockNum(), batch -> addTo(batch, updates, savepoint));
    applied(savepoint);
  }

  /**
   * Adds a block's updates and its savepoint to {@code batch} (while the store is open); once the
   * batch is written, call {@link #applied}.
   */
  void addTo(WriteBatch batch, StateUpdates updates, Height savepoint) throws RocksDBException {
    Height last = this.savepoint;
    if (last != null && savepoint.compareTo(last) <= 0) {
      throw new IllegalArgumentException(
          "savepoint " + savepoint + " is not after the last one " + last);
    }
    for (Map.Entry<String, SortedMap<String, Optional<VersionedValue>>> namespace :
        updates.byNamespace().entrySet()) {
      byte[] prefix = StateKeys.namespacePrefix(namespace.getKey());
      for (Map.Entry<String, Optional<VersionedValue>> change : namespace.getValue().entrySet()) {
        byte[] valueKey = StateKeys.valueKey(prefix, change.getKey());
        if (change.getValue().isPresent()) {
          batch.put(family, valueKey, StateValues.encode(change.getValue().get()));
        } else {
          batch.delete(family, valueKey);
        }
      }
    }
    batch.put(family, StateKeys.savepoint(), StateValues.encode(savepoint));
  }

  /** Records that a batch with {@code savepoint} is written. */
  void applied(Height savepoint) {
    this.savepoint = savepoint;
  }

  @Override
  public Optional<Height> savepoint() {
    return Optional.ofNullable(savepoint);
  }

  /**
   * Releases the open snapshots and their iterators, then the database if this state owns it.
   * Idempotent.
   */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }
}
