package dev.weft.peer.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

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

  /**
   * A ledger kept in RocksDB databases under {@code directory}: the state in {@code state/}, the
   * key histories (if enabled) in {@code history/}. Both are created if missing, and an existing
   * ledger resumes at its last committed block.
   */
  public static Ledger rocksDb(String channelId, Path directory, boolean historyEnabled) {
    RocksDbStateDatabase state = RocksDbStateDatabase.open(directory.resolve("state"));
    try {
      return new Ledger(
          channelId,
          state,
          historyEnabled ? RocksDbHistoryDatabase.open(directory.resolve("history")) : null);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  /**
   * Starts loading RocksDB's native library (a quarter of a second: it is extracted from its jar)
   * on a thread of its own, so that the peer's other start-up work runs meanwhile; {@link #rocksDb}
   * waits for it as needed.
   */
  public static void preloadRocksDb() {
    Thread loader = new Thread(org.rocksdb.RocksDB::loadLibrary, "weft-rocksdb-load");
    loader.setDaemon(true);
    loader.start();
  }

  public String channelId() {
    return channelId;
  }

  /** A simulator for one transaction, reading the state as of the last committed block. */
  public TxSimulator newTxSimulator(String txId) {
    return new TxSimulator(txId, state.snapshot(), history);
  }

  /**
   * Commits a block: {@link #prepare} then {@link #apply}.
   *
   * @return each transaction's verdict, in order (see {@link #prepare})
   */
  public synchronized List<TxValidationCode> commit(
      long blockNumber, List<ValidTransaction> transactions) {
    PreparedCommit prepared = prepare(blockNumber, transactions);
    apply(prepared, transactions.stream().map(ValidTransaction::txId).toList());
    return prepared.validationCodes();
  }

  /**
   * Checks each transaction, in block order, for read conflicts against the state as the block's
   * earlier valid transactions leave it (Fabric's MVCC check, see {@link MvccValidator}), and
   * computes the updates of those that pass, without applying anything. The other checks
   * (signatures, policies) are the committer's and have happened before: {@code transactions} are
   * the ones that passed them. Nothing may be committed between this and {@link #apply}.
   */
  public synchronized PreparedCommit prepare(
      long blockNumber, List<ValidTransaction> transactions) {
    List<TxValidationCode> codes = new ArrayList<>(transactions.size());
    BlockUpdates updates;
    long lastTxNum = 0;
    try (StateSnapshot committed = state.snapshot()) {
      updates = new BlockUpdates(committed, blockNumber);
      MvccValidator mvcc = new MvccValidator(committed, updates.state());
      for (ValidTransaction tx : transactions) {
        TxValidationCode code;
        try {
          // The MVCC check parses every namespace first, so a malformed set is refused whole.
          code = mvcc.validate(tx.txId(), tx.readWriteSet());
          if (code == TxValidationCode.VALID) {
            updates.add(tx);
            lastTxNum = Math.max(lastTxNum, tx.txNum());
          }
        } catch (LedgerException malformed) {
          code = TxValidationCode.BAD_RWSET;
        }
        codes.add(code);
      }
    }
    return new PreparedCommit(codes, updates, new Height(blockNumber, lastTxNum));
  }

  /**
   * Applies a prepared block as one atomic state update, adds it to the key histories, and records
   * the ids of all the block's transactions (Fabric's txid index holds invalid ones too: their ids
   * cannot be used again).
   */
  public synchronized void apply(PreparedCommit prepared, Collection<String> blockTxIds) {
    state.apply(prepared.updates().state(), prepared.savepoint());
    if (history != null) {
      history.add(prepared.updates().history());
    }
    committedTxIds.addAll(blockTxIds);
  }

  /** Records ids of transactions committed before this ledger was opened (for duplicates). */
  public void recordTransactionIds(Collection<String> txIds) {
    committedTxIds.addAll(txIds);
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
