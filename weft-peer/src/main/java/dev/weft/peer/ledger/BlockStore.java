package dev.weft.peer.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A channel's committed blocks, in Fabric's {@code common.Block} form with their
 * TRANSACTIONS_FILTER, indexed by number and by transaction id. Blocks are added only by the
 * ledger, in the same atomic write as their state updates; {@link #awaitBlock} wakes once a block
 * is durable. Implementations: {@link InMemoryBlockStore}, {@link RocksDbBlockStore}.
 */
public abstract class BlockStore {

  /**
   * Where a transaction is.
   *
   * @param blockNumber its block
   * @param txNumber its index in the block
   * @param validationCode its validation code from the block's TRANSACTIONS_FILTER
   */
  public record TransactionLocation(
      long blockNumber, int txNumber, TxValidationCode validationCode) {}

  private final String description;
  private long firstNumber; // guarded by this; -1 while empty
  private long nextNumber; // guarded by this

  /**
   * @param firstNumber the number of the first stored block, -1 if none
   * @param nextNumber the number the next block must have
   */
  BlockStore(String description, long firstNumber, long nextNumber) {
    this.description = description;
    this.firstNumber = firstNumber;
    this.nextNumber = nextNumber;
  }

  /** A stored block by number. */
  public abstract Optional<Block> block(long number);

  /** Where a transaction id was committed (valid or not), if it was. */
  public abstract Optional<TransactionLocation> transaction(String txId);

  /** The number the next block must have; 0 while the store is empty. */
  public final synchronized long nextNumber() {
    return nextNumber;
  }

  /** The number of the first stored block, or -1 while the store is empty. */
  public final synchronized long firstNumber() {
    return firstNumber;
  }

  /** The last block, if any. */
  public final Optional<Block> lastBlock() {
    long next = nextNumber();
    return next == 0 ? Optional.empty() : block(next - 1);
  }

  /**
   * Waits until block {@code number} is stored or {@code timeoutMillis} pass; returns whether it is
   * stored.
   */
  public final synchronized boolean awaitBlock(long number, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (nextNumber <= number) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** Fails unless {@code block} is the one to store next (any number while the store is empty). */
  final synchronized void checkNext(Block block) {
    long number = block.getHeader().getNumber();
    if (firstNumber >= 0 && number != nextNumber) {
      throw new LedgerException(
          "block " + number + " does not follow block " + (nextNumber - 1) + " in " + description);
    }
  }

  /** Records that {@code block} is durably stored and wakes whoever waits for it. */
  final synchronized void stored(Block block) {
    long number = block.getHeader().getNumber();
    if (firstNumber < 0) {
      firstNumber = number;
    }
    nextNumber = number + 1;
    notifyAll();
  }

  /**
   * The index entries of a block's transactions that are not yet in the index: each txid's first
   * occurrence (Fabric's index keeps the first, valid or not), with the code from the block's
   * TRANSACTIONS_FILTER (INVALID_OTHER_REASON where the filter has none). Entries that are not
   * envelopes with a txid have none.
   */
  final Map<String, TransactionLocation> newLocations(Block block) {
    byte[] filter =
        block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
            ? block
                .getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray()
            : new byte[0];
    Map<String, TransactionLocation> locations = new LinkedHashMap<>();
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      String txId = TransactionIds.of(block.getData().getData(i));
      if (txId.isEmpty() || locations.containsKey(txId) || transaction(txId).isPresent()) {
        continue;
      }
      TxValidationCode code =
          i < filter.length ? TxValidationCode.forNumber(filter[i] & 0xff) : null;
      locations.put(
          txId,
          new TransactionLocation(
              block.getHeader().getNumber(),
              i,
              code == null ? TxValidationCode.INVALID_OTHER_REASON : code));
    }
    return locations;
  }

  /** What this store is, for messages. */
  final String description() {
    return description;
  }
}
