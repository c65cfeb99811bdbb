package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  @TempDir Path directory;

  @Test
  void blocksAreReadBackByNumberAndTransactionsByIdAfterReopening() {
    Path file = directory.resolve("blocks");
    try (BlockStore store = BlockStore.open(file)) {
      store.append(block(1, "t1", "t2"));
      store.append(block(2, "t3"));
    }
    try (BlockStore reopened = BlockStore.open(file)) {
      assertThat(reopened.firstNumber()).isEqualTo(1);
      assertThat(reopened.nextNumber()).isEqualTo(3);
      assertThat(reopened.block(2).orElseThrow()).isEqualTo(block(2, "t3"));
      assertThat(reopened.transaction("t2").orElseThrow())
          .isEqualTo(new BlockStore.TransactionLocation(1, 1, TxValidationCode.MVCC_READ_CONFLICT));
      assertThat(reopened.transaction("t9")).isEmpty();
      assertThat(reopened.lastBlock().orElseThrow().getHeader().getNumber()).isEqualTo(2);
    }
  }

  @Test
  void aBlockThatDoesNotFollowTheLastIsRefused() {
    try (BlockStore store = BlockStore.open(directory.resolve("blocks"))) {
      store.append(block(1, "t1"));
      assertThatThrownBy(() -> store.append(block(3, "t3")))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("block 3 does not follow block 1");
    }
  }

  @Test
  void anAppendCutShortByACrashIsCutOffAndAppendingContinuesAfterTheLastWholeBlock()
      throws IOException {
    Path file = directory.resolve("blocks");
    try (BlockStore store = BlockStore.open(file)) {
      store.append(block(1, "t1"));
      store.append(block(2, "t2"));
    }
    long whole = Files.size(file);
    byte[] all = Files.readAllBytes(file);
    // A third record whose last bytes never reached the disk.
    try (BlockStore store = BlockStore.open(file)) {
      store.append(block(3, "t3"));
    }
    byte[] withThird = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(withThird, withThird.length - 5));

    try (BlockStore recovered = BlockStore.open(file)) {
      assertThat(recovered.nextNumber()).isEqualTo(3);
      assertThat(Files.size(file)).isEqualTo(whole);
      assertThat(Files.readAllBytes(file)).isEqualTo(all);
      recovered.append(block(3, "t3"));
      assertThat(recovered.block(3)).isPresent();
    }
    // A corrupted byte inside the last record: its checksum fails, it is cut off too.
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 0x40;
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    try (BlockStore recovered = BlockStore.open(file)) {
      assertThat(recovered.nextNumber()).isEqualTo(3);
    }
  }

  private static Block block(long number, String... txIds) {
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
        .setHeader(BlockHeader.newBuilder().setNumber(number))
        .setData(data)
        .setMetadata(
            BlockMetadata.newBuilder()
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.copyFrom(filter)))
        .build();
  }
}
