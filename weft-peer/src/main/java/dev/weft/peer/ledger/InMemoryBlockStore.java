package dev.weft.peer.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.Block;

/** Blocks held in memory, for tests and benchmarks. */
final class InMemoryBlockStore extends BlockStore {

  private final ConcurrentHashMap<Long, Block> blocks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TransactionLocation> transactions =
      new ConcurrentHashMap<>();

  InMemoryBlockStore() {
    super("in-memory block store", -1, 0);
  }

  /** Stores the next block; see {@link BlockStore#checkNext}. */
  synchronized void append(Block block) {
    checkNext(block);
    transactions.putAll(newLocations(block));
    blocks.put(block.getHeader().getNumber(), block);
    stored(block);
  }

  @Override
  public Optional<Block> block(long number) {
    return Optional.ofNullable(blocks.get(number));
  }

  @Override
  public Optional<TransactionLocation> transaction(String txId) {
    return Optional.ofNullable(transactions.get(txId));
  }
}
