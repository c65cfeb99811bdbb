package dev.weft.peer.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's whole ledger in one RocksDB database: blocks and their transaction index ({@link
 * RocksDbBlockStore}), state ({@link RocksDbStateDatabase}) and key histories ({@link
 * RocksDbHistoryDatabase}), each in column families of its own. Each block is committed as one
 * synced write batch across all of them, so after a crash the database holds a block with all its
 * consequences or not at all, and there is nothing to reconcile at start.
 */
final class RocksDbLedgerStorage implements LedgerStorage {

  private final RocksDbStore store;
  private final RocksDbStateDatabase state;
  private final RocksDbHistoryDatabase history;
  private final RocksDbBlockStore blocks;

  private RocksDbLedgerStorage(RocksDbStore store, boolean historyEnabled) {
    this.store = store;
    this.state = RocksDbStateDatabase.in(store);
    this.history = historyEnabled ? RocksDbHistoryDatabase.in(store) : null;
    this.blocks = RocksDbBlockStore.in(store);
  }

  /**
   * Opens (creating if missing) the ledger database in {@code directory}.
   *
   * @param historyEnabled whether to keep key histories (Fabric's {@code enableHistoryDatabase})
   */
  static RocksDbLedgerStorage open(String channelId, Path directory, boolean historyEnabled) {
    if (Files.exists(directory.resolve("blocks"))
        && Files.isDirectory(directory.resolve("state"))) {
      throw new LedgerException(
          "the ledger of channel "
              + channelId
              + " at "
              + directory
              + " was written by an earlier Weft (separate block file and databases); remove"
              + " that directory to start the channel afresh");
    }
    RocksDbStore store =
        RocksDbStore.open(
            "ledger of channel " + channelId,
            directory,
            List.of(
                new RocksDbStore.Family(RocksDbBlockStore.BLOCKS, true),
                new RocksDbStore.Family(RocksDbBlockStore.TRANSACTIONS, false),
                new RocksDbStore.Family(RocksDbStateDatabase.FAMILY, false),
                new RocksDbStore.Family(RocksDbHistoryDatabase.FAMILY, false)));
    try {
      return new RocksDbLedgerStorage(store, historyEnabled);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
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
    store.writeDurably(
        "commit block " + block.getHeader().getNumber(),
        batch -> {
          blocks.addTo(batch, block);
          state.addTo(batch, updates.state(), savepoint);
          if (history != null) {
            history.addTo(batch, updates.history());
          }
        });
    state.applied(savepoint);
    blocks.stored(block);
  }

  @Override
  public void close() {
    store.close();
  }
}
