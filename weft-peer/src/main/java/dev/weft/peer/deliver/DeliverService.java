package dev.weft.peer.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code protos.Deliver}: Deliver (whole blocks), DeliverFiltered (transaction ids, validation
 * codes and chaincode events without payloads) and DeliverWithPrivateData (whole blocks; this peer
 * holds no private data yet). Each request on a stream is a signed envelope carrying a {@code
 * SeekInfo}; the blocks it asks for are sent, then a SUCCESS status, and the stream stays open for
 * the next request, as in Fabric. A stream that waits for blocks not yet committed holds its
 * thread.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {

  private static final Logger log = LoggerFactory.getLogger(DeliverService.class);
  private static final String READERS = "/Channel/Application/Readers";
  private static final long WAIT_SLICE_MILLIS = 200;

  private enum Form {
    BLOCK,
    FILTERED,
    WITH_PRIVATE_DATA
  }

  private final Function<String, Channel> channels;
  private final Map<String, BlockStore> blocks;

  /**
   * @param channels the channel of an id, or null
   * @param blocks each channel's block store
   */
  public DeliverService(Function<String, Channel> channels, Map<String, BlockStore> blocks) {
    this.channels = channels;
    this.blocks = Map.copyOf(blocks);
  }

  @Override
  public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
    return requests(responses, Form.BLOCK);
  }

  @Override
  public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
    return requests(responses, Form.FILTERED);
  }

  @Override
  public StreamObserver<Envelope> deliverWithPrivateData(
      StreamObserver<DeliverResponse> responses) {
    return requests(responses, Form.WITH_PRIVATE_DATA);
  }

  private StreamObserver<Envelope> requests(StreamObserver<DeliverResponse> responses, Form form) {
    ServerCallStreamObserver<DeliverResponse> call =
        (ServerCallStreamObserver<DeliverResponse>) responses;
    return new StreamObserver<>() {
      @Override
      public void onNext(Envelope request) {
        Status status;
        try {
          status = serve(request, call, form);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          status = Status.SERVICE_UNAVAILABLE;
        }
        if (status != null && !call.isCancelled()) {
          responses.onNext(DeliverResponse.newBuilder().setStatus(status).build());
        }
      }

      @Override
      public void onError(Throwable t) {
        log.debug("deliver stream ended by the client: {}", t.toString());
      }

      @Override
      public void onCompleted() {
        if (!call.isCancelled()) {
          responses.onCompleted();
        }
      }
    };
  }

  /** Sends what one request asks for; returns the status that ends it (null if cancelled). */
  private Status serve(Envelope request, ServerCallStreamObserver<DeliverResponse> call, Form form)
      throws InterruptedException {
    Payload payload;
    ChannelHeader channelHeader;
    SignatureHeader signatureHeader;
    SeekInfo seek;
    try {
      payload = Payload.parseFrom(request.getPayload());
      channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
      seek = SeekInfo.parseFrom(payload.getData());
    } catch (InvalidProtocolBufferException e) {
      log.warn("deliver request refused: malformed: {}", e.getMessage());
      return Status.BAD_REQUEST;
    }
    String channelId = channelHeader.getChannelId();
    Channel channel = channels.apply(channelId);
    BlockStore store = blocks.get(channelId);
    if (channel == null || store == null) {
      log.warn("deliver request refused: channel {} not found", channelId);
      return Status.NOT_FOUND;
    }
    try {
      channel
          .policy(READERS)
          .evaluate(
              SignatureSet.of(
                  new SignedData(
                      request.getPayload(), signatureHeader.getCreator(), request.getSignature())));
    } catch (PolicyException e) {
      log.warn("deliver request on channel {} refused: {}", channelId, e.getMessage());
      return Status.FORBIDDEN;
    }
    if (!seek.hasStart() || !seek.hasStop()) {
      return Status.BAD_REQUEST;
    }
    long height = store.nextNumber();
    long start = position(seek.getStart(), height);
    long stop =
        seek.getStop().hasNewest() ? Math.max(height - 1, 0) : position(seek.getStop(), height);
    if (start > stop) {
      log.warn("deliver request refused: start {} is after stop {}", start, stop);
      return Status.BAD_REQUEST;
    }
    boolean failIfNotReady = seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
    for (long number = start; number <= stop; number++) {
      while (!store.awaitBlock(number, WAIT_SLICE_MILLIS)) {
        if (failIfNotReady) {
          return Status.NOT_FOUND;
        }
        if (call.isCancelled()) {
          return null;
        }
      }
      if (call.isCancelled()) {
        return null;
      }
      Block block = store.block(number).orElseThrow();
      call.onNext(response(block, channelId, form));
    }
    return Status.SUCCESS;
  }

  private static long position(SeekPosition position, long height) {
    return switch (position.getTypeCase()) {
      case OLDEST -> 0;
      case NEWEST -> Math.max(height - 1, 0);
      case SPECIFIED -> position.getSpecified().getNumber();
      case NEXT_COMMIT -> height;
      default -> Long.MAX_VALUE; // Fabric's stop "max": never stop
    };
  }

  private static DeliverResponse response(Block block, String channelId, Form form) {
    return switch (form) {
      case BLOCK -> DeliverResponse.newBuilder().setBlock(block).build();
      case FILTERED ->
          DeliverResponse.newBuilder().setFilteredBlock(filtered(block, channelId)).build();
      case WITH_PRIVATE_DATA ->
          DeliverResponse.newBuilder()
              .setBlockAndPrivateData(
                  org.hyperledger.fabric.protos.peer.BlockAndPrivateData.newBuilder()
                      .setBlock(block))
              .build();
    };
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
