package dev.weft.peer.ledger;

import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Where a channel's ledger keeps its blocks, state and key histories, and how one block is written
 * to all of them at once. Implementations: {@link InMemoryLedgerStorage}, {@link
 * RocksDbLedgerStorage}.
 */
interface LedgerStorage extends AutoCloseable {

  StateDatabase state();

  /** The key histories, if the history database is enabled. */
  Optional<HistoryDatabase> history();

  BlockStore blocks();

  /**
   * Stores {@code block} (with its TRANSACTIONS_FILTER), its transaction index entries, the updates
   * of its valid transactions and the savepoint as one atomic write; when this returns, all of it
   * is durable and readers (snapshots, {@link BlockStore#awaitBlock}) see it.
   */
  void commit(Block block, BlockUpdates updates, Height savepoint);

  @Override
  void close();
}
