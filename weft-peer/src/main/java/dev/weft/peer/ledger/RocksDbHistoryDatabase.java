package dev.weft.peer.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The key histories of one channel in a RocksDB column family (keys: {@link HistoryKeys}, values:
 * {@link HistoryValues}). The ledger writes each block's modifications in the same batch as the
 * block and its state updates (see {@link RocksDbLedgerStorage}).
 */
public final class RocksDbHistoryDatabase implements HistoryDatabase {

  static final String FAMILY = "history";

  private final RocksDbStore store;
  private final ColumnFamilyHandle family;
  private final boolean ownsStore;

  private RocksDbHistoryDatabase(RocksDbStore store, boolean ownsStore) {
    this.store = store;
    this.family = store.family(FAMILY);
    this.ownsStore = ownsStore;
  }

  /** Opens a history database of its own in {@code directory}, creating it if missing. */
  public static RocksDbHistoryDatabase open(Path directory) {
    return new RocksDbHistoryDatabase(
        RocksDbStore.open(
            "history database", directory, List.of(new RocksDbStore.Family(FAMILY, false))),
        true);
  }

  /** The histories kept in the {@value #FAMILY} family of a store that its opener closes. */
  static RocksDbHistoryDatabase in(RocksDbStore store) {
    return new RocksDbHistoryDatabase(store, false);
  }

  @Override
  public void add(List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    store.writeDurably("add the modifications of a block", batch -> addTo(batch, entries));
  }

  /** Adds a block's modifications to {@code batch} (while the store is open). */
  void addTo(WriteBatch batch, List<HistoryEntry> entries) throws RocksDBException {
    for (HistoryEntry entry : entries) {
      batch.put(
          family,
          HistoryKeys.modificationKey(
              HistoryKeys.keyPrefix(entry.namespace(), entry.key()), entry.height()),
          HistoryValues.encode(entry.modification()));
    }
  }

  @Override
  public List<HistoryEntry> history(String namespace, String key) {
    byte[] prefix = HistoryKeys.keyPrefix(namespace, key);
    return store.withDatabase(
        "read the history of " + namespace + "/" + key,
        db -> {
          List<HistoryEntry> newestFirst = new ArrayList<>();
          try (RocksIterator it = db.newIterator(family)) {
            it.seekForPrev(HistoryKeys.afterAllModifications(prefix));
            while (it.isValid()) {
              byte[] stored = it.key();
              if (!HistoryKeys.isModificationOf(stored, prefix)) {
                break;
              }
              newestFirst.add(
                  new HistoryEntry(
                      namespace,
                      key,
                      HistoryKeys.height(stored),
                      HistoryValues.decode(it.value())));
              it.prev();
            }
            it.status();
          }
          return List.copyOf(newestFirst);
        });
  }

  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }
}
