package dev.weft.peer.ledger;

class InMemoryHistoryDatabaseTest extends HistoryDatabaseContract {

  @Override
  HistoryDatabase open() {
    return new InMemoryHistoryDatabase();
  }
}
