package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The ledger of one channel: its blocks, world state and key history, transaction simulators over
 * consistent snapshots, and the commit of validated blocks, each written to all of them at once.
 */
public final class Ledger implements AutoCloseable {

  private final String channelId;
  private final LedgerStorage storage;
  private volatile BlockHeader lastHeader; // written under the lock of commit

  private Ledger(String channelId, LedgerStorage storage) {
    this.channelId = channelId;
    this.storage = storage;
    this.lastHeader = storage.blocks().lastBlock().map(Block::getHeader).orElse(null);
  }

  /** A ledger held entirely in memory, for tests and benchmarks. */
  public static Ledger inMemory(String channelId, boolean historyEnabled) {
    return new Ledger(channelId, new InMemoryLedgerStorage(historyEnabled));
  }

  /**
   * A ledger kept in one RocksDB database in {@code directory}, created if missing; an existing
   * ledger resumes at its last committed block.
   *
   * @param historyEnabled whether to keep key histories; without them history queries fail as in
   *     Fabric with {@code enableHistoryDatabase: false}
   */
  public static Ledger rocksDb(String channelId, Path directory, boolean historyEnabled) {
    RocksDbLedgerStorage storage = RocksDbLedgerStorage.open(channelId, directory, historyEnabled);
    try {
      return new Ledger(channelId, storage);
    } catch (RuntimeException e) {
      storage.close();
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
    return new TxSimulator(txId, storage.state().snapshot(), storage.history().orElse(null));
  }

  /**
   * The committed state as of the last block, for reads outside a transaction (the committer's
   * key-level policies); close it when done.
   */
  public StateSnapshot snapshot() {
    return storage.state().snapshot();
  }

  /** The committed blocks. */
  public BlockStore blocks() {
    return storage.blocks();
  }

  /**
   * Checks each transaction, in block order, for read conflicts against the state as the block's
   * earlier valid transactions leave it (Fabric's MVCC check, see {@link MvccValidator}), and
   * computes the updates of those that pass, without applying anything. The other checks
   * (signatures, policies) are the committer's and have happened before: {@code transactions} are
   * the ones that passed them. Nothing may be committed between this and {@link #commit}.
   */
  public synchronized PreparedCommit prepare(
      long blockNumber, List<ValidTransaction> transactions) {
    List<TxValidationCode> codes = new ArrayList<>(transactions.size());
    BlockUpdates updates;
    long lastTxNum = 0;
    try (StateSnapshot committed = storage.state().snapshot()) {
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
   * Commits a block: stores it with its transaction index entries, applies the prepared updates of
   * its valid transactions and moves the savepoint, all in one atomic, durable write. Only then
   * does anyone see it: new simulations, and {@link BlockStore#awaitBlock} waiters.
   *
   * @param block the block as validated, its TRANSACTIONS_FILTER holding every transaction's code;
   *     it must be the next block and, after the first, chain to the last one by previous hash
   * @param prepared {@link #prepare}'s result for this block, with nothing committed in between
   */
  public synchronized void commit(Block block, PreparedCommit prepared) {
    long number = block.getHeader().getNumber();
    if (prepared.savepoint().blockNum() != number) {
      throw new IllegalArgumentException(
          "block " + number + " was prepared as block " + prepared.savepoint().blockNum());
    }
    BlockHeader last = lastHeader;
    if (last != null
        && !block
            .getHeader()
            .getPreviousHash()
            .equals(ByteString.copyFrom(BlockHashes.headerHash(last)))) {
      throw new LedgerException(
          "block "
              + number
              + " of channel "
              + channelId
              + " does not chain to block "
              + last.getNumber()
              + ": its previous hash is not that block's header hash");
    }
    storage.commit(block, prepared.updates(), prepared.savepoint());
    lastHeader = block.getHeader();
  }

  /** Whether a transaction with this id has been committed on this channel (valid or not). */
  public boolean containsTransaction(String txId) {
    return storage.blocks().transaction(txId).isPresent();
  }

  /** The height of the last committed block, if any. */
  public Optional<Height> height() {
    return storage.state().savepoint();
  }

  @Override
  public void close() {
    storage.close();
  }
}
