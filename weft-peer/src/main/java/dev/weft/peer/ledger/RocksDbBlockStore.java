package dev.weft.peer.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Blocks in two RocksDB column families: {@value #BLOCKS} (8-byte big-endian block number → the
 * marshalled block, in blob files) and {@value #TRANSACTIONS} (UTF-8 txid → block number, index in
 * the block and validation code). The ledger adds a block to the same write batch as its state
 * updates ({@link #addTo}), then calls {@link #stored}.
 */
final class RocksDbBlockStore extends BlockStore {

  static final String BLOCKS = "blocks";
  static final String TRANSACTIONS = "transactions";
  private static final int LOCATION_BYTES = Long.BYTES + Integer.BYTES + Integer.BYTES;

  private final RocksDbStore store;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle transactions;

  private RocksDbBlockStore(RocksDbStore store, long[] firstAndNext) {
    super("blocks of the " + store.description(), firstAndNext[0], firstAndNext[1]);
    this.store = store;
    this.blocks = store.family(BLOCKS);
    this.transactions = store.family(TRANSACTIONS);
  }

  /**
   * The blocks kept in a store opened with the {@value #BLOCKS} and {@value #TRANSACTIONS}
   * families.
   */
  static RocksDbBlockStore in(RocksDbStore store) {
    ColumnFamilyHandle family = store.family(BLOCKS);
    long[] firstAndNext =
        store.withDatabase(
            "find the first and last block",
            db -> {
              try (RocksIterator it = db.newIterator(family)) {
                it.seekToFirst();
                if (!it.isValid()) {
                  it.status();
                  return new long[] {-1, 0};
                }
                long first = number(it.key());
                it.seekToLast();
                return new long[] {first, number(it.key()) + 1};
              }
            });
    return new RocksDbBlockStore(store, firstAndNext);
  }

  /**
   * Adds {@code block} and its transactions' index entries to {@code batch} (while the store is
   * open); it must be the next block.
   */
  void addTo(WriteBatch batch, Block block) throws RocksDBException {
    checkNext(block);
    batch.put(blocks, key(block.getHeader().getNumber()), block.toByteArray());
    for (Map.Entry<String, TransactionLocation> entry : newLocations(block).entrySet()) {
      batch.put(transactions, Utf8.encode(entry.getKey(), "txid"), encode(entry.getValue()));
    }
  }

  @Override
  public Optional<Block> block(long number) {
    byte[] stored = store.withDatabase("read block " + number, db -> db.get(blocks, key(number)));
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Block.parseFrom(stored));
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(store.description() + ": block " + number + " is corrupt", e);
    }
  }

  @Override
  public Optional<TransactionLocation> transaction(String txId) {
    byte[] stored =
        store.withDatabase(
            "look up transaction " + txId, db -> db.get(transactions, Utf8.encode(txId, "txid")));
    return Optional.ofNullable(stored).map(RocksDbBlockStore::decode);
  }

  private static byte[] key(long number) {
    return ByteBuffer.allocate(Long.BYTES).putLong(number).array();
  }

  private static long number(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  private static byte[] encode(TransactionLocation location) {
    return ByteBuffer.allocate(LOCATION_BYTES)
        .putLong(location.blockNumber())
        .putInt(location.txNumber())
        .putInt(location.validationCode().getNumber())
        .array();
  }

  private static TransactionLocation decode(byte[] stored) {
    if (stored.length != LOCATION_BYTES) {
      throw new LedgerException(
          "a transaction index entry of " + stored.length + " bytes is corrupt");
    }
    ByteBuffer buffer = ByteBuffer.wrap(stored);
    long block = buffer.getLong();
    int txNumber = buffer.getInt();
    TxValidationCode code = TxValidationCode.forNumber(buffer.getInt());
    return new TransactionLocation(
        block, txNumber, code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
  }
}
