package dev.weft.peer.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The key histories of one channel in a RocksDB database of its own (keys: {@link HistoryKeys},
 * values: {@link HistoryValues}). Each block's modifications are written in one batch, synced to
 * disk before {@link #add} returns.
 */
public final class RocksDbHistoryDatabase implements HistoryDatabase {

  private final RocksDbStore store;

  private RocksDbHistoryDatabase(RocksDbStore store) {
    this.store = store;
  }

  /** Opens the history database in {@code directory}, creating it if missing. */
  public static RocksDbHistoryDatabase open(Path directory) {
    return new RocksDbHistoryDatabase(RocksDbStore.open("history database", directory));
  }

  @Override
  public void add(List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (HistoryEntry entry : entries) {
        batch.put(
            HistoryKeys.modificationKey(
                HistoryKeys.keyPrefix(entry.namespace(), entry.key()), entry.height()),
            HistoryValues.encode(entry.modification()));
      }
      store.writeDurably("add the modifications of a block", batch);
    } catch (RocksDBException e) {
      throw new LedgerException(store.description() + ": cannot prepare modifications", e);
    }
  }

  @Override
  public List<HistoryEntry> history(String namespace, String key) {
    byte[] prefix = HistoryKeys.keyPrefix(namespace, key);
    return store.withDatabase(
        "read the history of " + namespace + "/" + key,
        db -> {
          List<HistoryEntry> newestFirst = new ArrayList<>();
          try (RocksIterator it = db.newIterator()) {
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
    store.close();
  }
}
