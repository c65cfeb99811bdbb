package dev.weft.peer.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * {@code protos.Deliver}: Deliver (whole blocks), DeliverFiltered (transaction ids, validation
 * codes and chaincode events without payloads) and DeliverWithPrivateData (whole blocks; this peer
 * holds no private data yet), to requesters that satisfy the channel's application Readers policy.
 * The blocks are the committed ones, with their validation codes; {@link BlockDelivery} serves the
 * requests with Fabric's seek semantics.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {

  /**
   * The policy Fabric's peer checks for Deliver (ACL resources event/Block, event/FilteredBlock).
   */
  private static final String READERS = "/Channel/Application/Readers";

  private static final DeliverEndpoint<DeliverResponse> BLOCKS =
      new DeliverEndpoint<>(
          channel -> READERS,
          (block, channelId) -> DeliverResponse.newBuilder().setBlock(block).build(),
          DeliverService::status);
  private static final DeliverEndpoint<DeliverResponse> FILTERED_BLOCKS =
      new DeliverEndpoint<>(
          channel -> READERS,
          (block, channelId) ->
              DeliverResponse.newBuilder().setFilteredBlock(filtered(block, channelId)).build(),
          DeliverService::status);
  private static final DeliverEndpoint<DeliverResponse> BLOCKS_WITH_PRIVATE_DATA =
      new DeliverEndpoint<>(
          channel -> READERS,
          (block, channelId) ->
              DeliverResponse.newBuilder()
                  .setBlockAndPrivateData(BlockAndPrivateData.newBuilder().setBlock(block))
                  .build(),
          DeliverService::status);

  private final BlockDelivery delivery;

  /**
   * @param delivery serves the channels' blocks
   */
  public DeliverService(BlockDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
    return delivery.serve(responses, BLOCKS);
  }

  @Override
  public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
    return delivery.serve(responses, FILTERED_BLOCKS);
  }

  @Override
  public StreamObserver<Envelope> deliverWithPrivateData(
      StreamObserver<DeliverResponse> responses) {
    return delivery.serve(responses, BLOCKS_WITH_PRIVATE_DATA);
  }

  private static DeliverResponse status(Status status) {
    return DeliverResponse.newBuilder().setStatus(status).build();
  }

  /** The block as Fabric filters it: txids, types, validation codes, events without payload. */
  static FilteredBlock filtered(Block block, String channelId) {
    ByteString filter =
        block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
            ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
            : ByteString.EMPTY;
    FilteredBlock.Builder filtered =
        FilteredBlock.newBuilder().setChannelId(channelId).setNumber(block.getHeader().getNumber());
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      try {
        Payload payload =
            Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        TxValidationCode code =
            i < filter.size()
                ? TxValidationCode.forNumber(filter.byteAt(i) & 0xff)
                : TxValidationCode.INVALID_OTHER_REASON;
        FilteredTransaction.Builder tx =
            FilteredTransaction.newBuilder()
                .setTxid(header.getTxId())
                .setTypeValue(header.getType())
                .setTxValidationCode(code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
        if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
          tx.setTransactionActions(actions(payload));
        }
        filtered.addFilteredTransactions(tx);
      } catch (InvalidProtocolBufferException e) {
        // Fabric leaves out what it cannot read.
      }
    }
    return filtered.build();
  }

  private static FilteredTransactionActions actions(Payload payload)
      throws InvalidProtocolBufferException {
    FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
    for (var action : Transaction.parseFrom(payload.getData()).getActionsList()) {
      ChaincodeAction chaincodeAction =
          ChaincodeAction.parseFrom(
              ProposalResponsePayload.parseFrom(
                      ChaincodeActionPayload.parseFrom(action.getPayload())
                          .getAction()
                          .getProposalResponsePayload())
                  .getExtension());
      FilteredChaincodeAction.Builder filtered = FilteredChaincodeAction.newBuilder();
      if (!chaincodeAction.getEvents().isEmpty()) {
        ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
        filtered.setChaincodeEvent(event.toBuilder().clearPayload());
      }
      actions.addChaincodeActions(filtered);
    }
    return actions.build();
  }
}
