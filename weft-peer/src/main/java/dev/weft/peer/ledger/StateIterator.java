package dev.weft.peer.ledger;

/** Keys of one namespace in {@link KeyOrder}, read from one snapshot. */
public interface StateIterator extends AutoCloseable {

  /** The next entry, or {@code null} once the range is exhausted. */
  StateEntry next();

  @Override
  void close();
}
