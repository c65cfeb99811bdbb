package dev.weft.peer.ledger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger of one channel: its world state and key history, transaction simulators over
 * consistent snapshots, and the application of validated blocks.
 */
public final class Ledger implements AutoCloseable {

  private final String channelId;
  private final StateDatabase state;
  private final HistoryDatabase history;
  // Ids of committed transactions, for the endorser's duplicate check; the block store will answer
  // this from its index once there is one.
  private final Set<String> committedTxIds = ConcurrentHashMap.newKeySet();

  /**
   * @param history the key history, or null to run without a history database (history queries then
   *     fail as in Fabric with {@code enableHistoryDatabase: false})
   */
  public Ledger(String channelId, StateDatabase state, HistoryDatabase history) {
    this.channelId = channelId;
    this.state = state;
    this.history = history;
  }

  /** A ledger held entirely in memory, for tests and benchmarks. */
  public static Ledger inMemory(String channelId, boolean historyEnabled) {
    return new Ledger(
        channelId,
        new InMemoryStateDatabase(),
        historyEnabled ? new InMemoryHistoryDatabase() : null);
  }

  public String channelId() {
    return channelId;
  }

  /** A simulator for one transaction, reading the state as of the last committed block. */
  public TxSimulator newTxSimulator(String txId) {
    return new TxSimulator(txId, state.snapshot(), history);
  }

  /**
   * Applies the writes of a block's valid transactions, in order, as one atomic state update, and
   * adds them to the key histories. Validation (signatures, policies, MVCC) is the committer's job
   * and has happened before.
   */
  public synchronized void commit(long blockNumber, List<ValidTransaction> transactions) {
    BlockUpdates updates;
    try (StateSnapshot committed = state.snapshot()) {
      updates = new BlockUpdates(committed, blockNumber);
      transactions.forEach(updates::add);
    }
    long lastTxNum = transactions.stream().mapToLong(ValidTransaction::txNum).max().orElse(0);
    state.apply(updates.state(), new Height(blockNumber, lastTxNum));
    if (history != null) {
      history.add(updates.history());
    }
    transactions.forEach(tx -> committedTxIds.add(tx.txId()));
  }

  /** Whether a transaction with this id has been committed on this channel. */
  public boolean containsTransaction(String txId) {
    return committedTxIds.contains(txId);
  }

  /** The height of the last committed block, if any. */
  public Optional<Height> height() {
    return state.savepoint();
  }

  @Override
  public void close() {
    state.close();
    if (history != null) {
      history.close();
    }
  }
}
