package dev.weft.peer.ledger;

import org.rocksdb.AbstractNativeReference;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * The value keys of one namespace from a start key (inclusive) to an end key (exclusive), read from
 * a snapshot. RocksDB stops at the end key itself (iterate upper bound), so a scan never reads past
 * its range.
 */
final class RocksDbStateIterator extends NativeResource implements StateIterator {

  private final Slice upperBound;
  private final ReadOptions readOptions;
  private final RocksIterator iterator;
  private final int prefixLength;

  private RocksDbStateIterator(
      String description,
      Slice upperBound,
      ReadOptions readOptions,
      RocksIterator iterator,
      int prefixLength) {
    super(description);
    this.upperBound = upperBound;
    this.readOptions = readOptions;
    this.iterator = iterator;
    this.prefixLength = prefixLength;
  }

  /**
   * Opens an iterator over the value keys from {@code from} (inclusive) to {@code to} (exclusive),
   * all in one namespace whose prefix is {@code prefixLength} bytes long.
   */
  static RocksDbStateIterator open(
      String description,
      RocksDB db,
      ColumnFamilyHandle family,
      Snapshot snapshot,
      byte[] from,
      byte[] to,
      int prefixLength) {
    Slice upperBound = new Slice(to);
    ReadOptions readOptions = null;
    RocksIterator iterator = null;
    try {
      readOptions = new ReadOptions().setSnapshot(snapshot).setIterateUpperBound(upperBound);
      iterator = db.newIterator(family, readOptions);
      iterator.seek(from);
      return new RocksDbStateIterator(description, upperBound, readOptions, iterator, prefixLength);
    } catch (RuntimeException e) {
      closeAll(iterator, readOptions, upperBound);
      throw e;
    }
  }

  // RocksIterator is not safe for concurrent use, hence synchronized on top of the open check.
  @Override
  public synchronized StateEntry next() {
    return whileOpen(
        "scan",
        () -> {
          if (!iterator.isValid()) {
            iterator.status(); // throws if the scan ended on an error rather than at its end
            return null;
          }
          StateEntry entry =
              new StateEntry(
                  StateKeys.key(iterator.key(), prefixLength),
                  StateValues.decodeValue(iterator.value()));
          iterator.next();
          return entry;
        });
  }

  @Override
  void release() {
    closeAll(iterator, readOptions, upperBound);
  }

  /** Closes in order: the iterator before the options and bound it reads. */
  private static void closeAll(AbstractNativeReference... resources) {
    for (AbstractNativeReference resource : resources) {
      if (resource != null) {
        resource.close();
      }
    }
  }
}
