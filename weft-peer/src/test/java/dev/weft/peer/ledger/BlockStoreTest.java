package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.testing.LedgerBlocks;
import dev.weft.peer.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {

  private static final Timestamp NOW = Timestamp.newBuilder().setSeconds(1_700_000_000).build();

  @TempDir Path directory;

  @Test
  void blocksAreReadBackByNumberAndTransactionsByIdAfterReopening() {
    try (RocksDbLedgerStorage storage = RocksDbLedgerStorage.open("ch", directory, true)) {
      storage.commit(block(1, null, "t1", "t2"), noUpdates(storage, 1), new Height(1, 1));
      storage.commit(
          block(2, storage.blocks().lastBlock().orElseThrow(), "t3"),
          noUpdates(storage, 2),
          new Height(2, 0));
    }
    try (RocksDbLedgerStorage reopened = RocksDbLedgerStorage.open("ch", directory, true)) {
      BlockStore blocks = reopened.blocks();
      assertThat(blocks.firstNumber()).isEqualTo(1);
      assertThat(blocks.nextNumber()).isEqualTo(3);
      assertThat(blocks.block(1).orElseThrow()).isEqualTo(block(1, null, "t1", "t2"));
      assertThat(blocks.transaction("t2").orElseThrow())
          .isEqualTo(new BlockStore.TransactionLocation(1, 1, TxValidationCode.MVCC_READ_CONFLICT));
      assertThat(blocks.transaction("t9")).isEmpty();
      assertThat(blocks.lastBlock().orElseThrow().getHeader().getNumber()).isEqualTo(2);
    }
  }

  @Test
  void aTxidKeepsItsFirstLocationWhenItComesAgainInALaterBlock() {
    try (RocksDbLedgerStorage storage = RocksDbLedgerStorage.open("ch", directory, true)) {
      storage.commit(block(1, null, "t1"), noUpdates(storage, 1), new Height(1, 0));
      storage.commit(
          block(2, storage.blocks().lastBlock().orElseThrow(), "t1"),
          noUpdates(storage, 2),
          new Height(2, 0));
      assertThat(storage.blocks().transaction("t1").orElseThrow().blockNumber()).isEqualTo(1);
    }
  }

  @Test
  void aBlockThatDoesNotFollowTheLastIsRefused() {
    try (RocksDbLedgerStorage storage = RocksDbLedgerStorage.open("ch", directory, true)) {
      storage.commit(block(1, null, "t1"), noUpdates(storage, 1), new Height(1, 0));
      assertThatThrownBy(
              () -> storage.commit(block(3, null, "t3"), noUpdates(storage, 3), new Height(3, 0)))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("block 3 does not follow block 1");
    }
  }

  @Test
  void aBlockThatDoesNotChainToTheLastByPreviousHashIsRefused() {
    try (Ledger ledger = Ledger.rocksDb("ch", directory, true)) {
      LedgerBlocks.commit(ledger, 1, List.of());
      Block unchained = block(2, null, "t2");
      assertThatThrownBy(() -> ledger.commit(unchained, ledger.prepare(2, List.of())))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("block 2 of channel ch does not chain to block 1");
      assertThat(ledger.blocks().nextNumber()).isEqualTo(2);
    }
  }

  @Test
  void aCommitThatFailsPartWayLeavesNeitherTheBlockNorItsStateNorItsHistory() {
    try (Ledger ledger = Ledger.rocksDb("ch", directory, true)) {
      LedgerBlocks.commit(
          ledger,
          1,
          List.of(new ValidTransaction(0, "t1", NOW, TestPeer.writes("cc", Map.of("k", "1")))));
    }
    try (RocksDbLedgerStorage storage = RocksDbLedgerStorage.open("ch", directory, true)) {
      BlockUpdates updates;
      try (StateSnapshot committed = storage.state().snapshot()) {
        updates = new BlockUpdates(committed, 2);
        updates.add(new ValidTransaction(0, "t2", NOW, TestPeer.writes("cc", Map.of("k", "2"))));
      }
      Block next = block(2, storage.blocks().lastBlock().orElseThrow(), "t2");
      // The block and its writes are added to the batch before the savepoint is found stale.
      assertThatThrownBy(() -> storage.commit(next, updates, new Height(1, 0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    try (Ledger reopened = Ledger.rocksDb("ch", directory, true);
        TxSimulator sim = reopened.newTxSimulator("read")) {
      assertThat(reopened.blocks().nextNumber()).isEqualTo(2);
      assertThat(reopened.containsTransaction("t2")).isFalse();
      assertThat(sim.getState("cc", "k").toStringUtf8()).isEqualTo("1");
      assertThat(reopened.height()).contains(new Height(1, 0));
    }
  }

  private static BlockUpdates noUpdates(LedgerStorage storage, long number) {
    try (StateSnapshot committed = storage.state().snapshot()) {
      return new BlockUpdates(committed, number);
    }
  }

  private static Block block(long number, Block previous, String... txIds) {
    BlockData.Builder data = BlockData.newBuilder();
    byte[] filter = new byte[txIds.length];
    for (int i = 0; i < txIds.length; i++) {
      data.addData(
          Envelope.newBuilder()
              .setPayload(
                  Payload.newBuilder()
                      .setHeader(
                          Header.newBuilder()
                              .setChannelHeader(
                                  ChannelHeader.newBuilder()
                                      .setTxId(txIds[i])
                                      .build()
                                      .toByteString()))
                      .build()
                      .toByteString())
              .build()
              .toByteString());
      filter[i] =
          (byte)
              (i == 1
                  ? TxValidationCode.MVCC_READ_CONFLICT.getNumber()
                  : TxValidationCode.VALID.getNumber());
    }
    return Block.newBuilder()
        .setHeader(
            BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(
                    previous == null
                        ? ByteString.EMPTY
                        : ByteString.copyFrom(BlockHashes.headerHash(previous.getHeader()))))
        .setData(data)
        .setMetadata(
            BlockMetadata.newBuilder()
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.copyFrom(filter)))
        .build();
  }
}
