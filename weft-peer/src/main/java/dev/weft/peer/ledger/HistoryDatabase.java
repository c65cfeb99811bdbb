package dev.weft.peer.ledger;

import java.util.List;

/**
 * Every committed write and delete of every key, for GET_HISTORY_FOR_KEY. Implementations: {@link
 * InMemoryHistoryDatabase} and {@link RocksDbHistoryDatabase}.
 */
public interface HistoryDatabase extends AutoCloseable {

  /** Records the writes of one block. */
  void add(List<HistoryEntry> entries);

  /** The modifications of a key, newest first. */
  List<HistoryEntry> history(String namespace, String key);

  @Override
  void close();
}
