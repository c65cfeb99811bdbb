package dev.weft.peer.ledger;

import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/** A ledger held entirely in memory, for tests and benchmarks: nothing survives the process. */
final class InMemoryLedgerStorage implements LedgerStorage {

  private final InMemoryStateDatabase state = new InMemoryStateDatabase();
  private final InMemoryHistoryDatabase history;
  private final InMemoryBlockStore blocks = new InMemoryBlockStore();

  InMemoryLedgerStorage(boolean historyEnabled) {
    this.history = historyEnabled ? new InMemoryHistoryDatabase() : null;
  }

  @Override
  public StateDatabase state() {
    return state;
  }

  @Override
  public Optional<HistoryDatabase> history() {
    return Optional.ofNullable(history);
  }

  @Override
  public BlockStore blocks() {
    return blocks;
  }

  @Override
  public synchronized void commit(Block block, BlockUpdates updates, Height savepoint) {
    blocks.checkNext(block);
    // The block last: whoever it wakes finds the state and history already updated.
    state.apply(updates.state(), savepoint);
    if (history != null) {
      history.add(updates.history());
    }
    blocks.append(block);
  }

  @Override
  public void close() {
    state.close();
  }
}
