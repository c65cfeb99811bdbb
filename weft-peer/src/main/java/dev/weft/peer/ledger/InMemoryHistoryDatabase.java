package dev.weft.peer.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Key histories held in memory, for tests and benchmarks. */
public final class InMemoryHistoryDatabase implements HistoryDatabase {

  private record Key(String namespace, String key) {}

  private static final Comparator<HistoryEntry> NEWEST_FIRST =
      Comparator.comparing(HistoryEntry::height).reversed();

  private final Map<Key, List<HistoryEntry>> histories = new ConcurrentHashMap<>();

  @Override
  public void add(List<HistoryEntry> entries) {
    for (HistoryEntry entry : entries) {
      // Copy on write: a query holds an immutable list while commits go on.
      histories.compute(
          new Key(entry.namespace(), entry.key()),
          (k, old) -> {
            List<HistoryEntry> updated = old == null ? new ArrayList<>() : new ArrayList<>(old);
            updated.add(entry);
            updated.sort(NEWEST_FIRST);
            return List.copyOf(updated);
          });
    }
  }

  @Override
  public List<HistoryEntry> history(String namespace, String key) {
    return histories.getOrDefault(new Key(namespace, key), List.of());
  }

  @Override
  public void close() {}
}
