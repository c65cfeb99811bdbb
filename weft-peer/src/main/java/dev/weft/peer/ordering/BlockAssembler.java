package dev.weft.peer.ordering;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;

/** Builds blocks exactly as Fabric's orderer does (hashes: {@link BlockHashes}). */
public final class BlockAssembler {

  /** Fabric's block metadata has five slots (SIGNATURES … COMMIT_HASH). */
  static final int METADATA_SLOTS = 5;

  private BlockAssembler() {}

  /** The block after {@code previous} holding {@code envelopes}, with empty metadata slots. */
  public static Block next(BlockHeader previous, List<ByteString> envelopes) {
    BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
    for (int i = 0; i < METADATA_SLOTS; i++) {
      metadata.addMetadata(ByteString.EMPTY);
    }
    return Block.newBuilder()
        .setHeader(
            BlockHeader.newBuilder()
                .setNumber(previous.getNumber() + 1)
                .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous)))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(envelopes))))
        .setData(BlockData.newBuilder().addAllData(envelopes))
        .setMetadata(metadata)
        .build();
  }
}
