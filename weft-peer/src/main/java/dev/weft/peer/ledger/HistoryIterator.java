package dev.weft.peer.ledger;

import com.google.protobuf.MessageLite;
import java.util.Iterator;
import java.util.List;

/** The modifications of one key, newest first, as GET_HISTORY_FOR_KEY returns them. */
final class HistoryIterator implements ResultsIterator {

  private final Iterator<HistoryEntry> entries;
  private final Object lock;
  private boolean closed;

  /**
   * @param lock the lock of the simulator that owns this iterator
   */
  HistoryIterator(List<HistoryEntry> entries, Object lock) {
    this.entries = entries.iterator();
    this.lock = lock;
  }

  @Override
  public MessageLite next() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("history iterator is closed");
      }
      return entries.hasNext() ? entries.next().modification() : null;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }
}
