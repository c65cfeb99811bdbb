package dev.weft.peer.ledger;

import java.util.Arrays;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.Snapshot;

/** The state as of one RocksDB snapshot: blocks applied after it was taken are not visible. */
final class RocksDbStateSnapshot extends NativeResource implements StateSnapshot {

  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final Snapshot snapshot;
  private final ReadOptions readOptions;

  private RocksDbStateSnapshot(
      String description, RocksDB db, ColumnFamilyHandle family, Snapshot snapshot) {
    super(description);
    this.db = db;
    this.family = family;
    this.snapshot = snapshot;
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
  }

  /** Takes a snapshot of the open database {@code db}, whose state is in {@code family}. */
  static RocksDbStateSnapshot take(String description, RocksDB db, ColumnFamilyHandle family) {
    Snapshot snapshot = db.getSnapshot();
    try {
      return new RocksDbStateSnapshot(description, db, family, snapshot);
    } catch (RuntimeException e) {
      db.releaseSnapshot(snapshot);
      throw e;
    }
  }

  @Override
  public Optional<VersionedValue> get(String namespace, String key) {
    byte[] valueKey = StateKeys.valueKey(StateKeys.namespacePrefix(namespace), key);
    byte[] stored =
        whileOpen("read " + namespace + "/" + key, () -> db.get(family, readOptions, valueKey));
    return Optional.ofNullable(stored).map(StateValues::decodeValue);
  }

  @Override
  public StateIterator range(String namespace, String startKey, String endKey) {
    byte[] prefix = StateKeys.namespacePrefix(namespace);
    byte[] from = StateKeys.valueKey(prefix, startKey);
    byte[] to =
        endKey.isEmpty() ? StateKeys.endOfPrefix(prefix) : StateKeys.valueKey(prefix, endKey);
    return whileOpen(
        "scan " + namespace,
        () ->
            Arrays.compareUnsigned(from, to) >= 0
                ? EmptyStateIterator.INSTANCE
                : adopt(
                    RocksDbStateIterator.open(
                        "range iterator of a state snapshot",
                        db,
                        family,
                        snapshot,
                        from,
                        to,
                        prefix.length)));
  }

  @Override
  void release() {
    readOptions.close();
    db.releaseSnapshot(snapshot);
    snapshot.close();
  }
}
