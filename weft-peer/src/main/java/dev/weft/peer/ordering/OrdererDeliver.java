package dev.weft.peer.ordering;

import com.google.protobuf.ByteString;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.deliver.DeliverEndpoint;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;

/**
 * What the orderer's Deliver serves, beside what it shares with the peer's: Fabric's orderer checks
 * the channel's Readers policy, and sends blocks as it cut them.
 */
final class OrdererDeliver {

  private static final String READERS = "/Channel/Readers";
  private static final String APPLICATION_READERS = "/Channel/Application/Readers";

  /** The orderer's Deliver endpoint. */
  static final DeliverEndpoint<DeliverResponse> ENDPOINT =
      new DeliverEndpoint<>(
          OrdererDeliver::readersPolicy,
          (block, channelId) -> DeliverResponse.newBuilder().setBlock(asCut(block)).build(),
          OrdererDeliver::status);

  private OrdererDeliver() {}

  /**
   * {@code /Channel/Readers}; a channel without it (none of Weft's, whose genesis has no Orderer
   * group yet, lacks it) falls back to the application's Readers.
   */
  static String readersPolicy(Channel channel) {
    return channel.hasPolicy(READERS) ? READERS : APPLICATION_READERS;
  }

  /**
   * The block without the validation codes the peer added at commit: Fabric's orderer leaves the
   * TRANSACTIONS_FILTER slot empty, every other slot is as the orderer wrote it.
   */
  static Block asCut(Block committed) {
    if (committed.getMetadata().getMetadataCount()
        <= BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) {
      return committed;
    }
    Block.Builder block = committed.toBuilder();
    block
        .getMetadataBuilder()
        .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.EMPTY);
    return block.build();
  }

  private static DeliverResponse status(Status status) {
    return DeliverResponse.newBuilder().setStatus(status).build();
  }
}
