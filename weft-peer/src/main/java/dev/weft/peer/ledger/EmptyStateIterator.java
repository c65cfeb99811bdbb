package dev.weft.peer.ledger;

/** A range that holds no key, such as one whose start is not before its end. */
enum EmptyStateIterator implements StateIterator {
  INSTANCE;

  @Override
  public StateEntry next() {
    return null;
  }

  @Override
  public void close() {}
}
