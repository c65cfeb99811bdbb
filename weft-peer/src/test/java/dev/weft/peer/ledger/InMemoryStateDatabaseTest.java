package dev.weft.peer.ledger;

class InMemoryStateDatabaseTest extends StateDatabaseContract {

  @Override
  StateDatabase open() {
    return new InMemoryStateDatabase();
  }
}
