package dev.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.policy.SignedData;
import io.grpc.Status;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * ChaincodeEvents: a stream of the committed events of one chaincode, one response per block that
 * has some, in block order, from a start block on and without end. As in Fabric's gateway, the
 * request is signed by a requester the channel lets read ({@link RequestAccess}); it starts at the
 * block of the transaction to resume after, if that is committed, otherwise at the specified block
 * or, without one or with next-commit, at the next block to be committed (oldest and newest are
 * INVALID_ARGUMENT). Blocks not committed yet are waited for. The stream holds its thread until the
 * client goes away.
 */
final class ChaincodeEventsFeed {

  /** How often a waiting stream checks whether the client has gone away. */
  private static final long WAIT_SLICE_MILLIS = 200;

  private final Ledgers ledgers;
  private final RequestAccess access;

  ChaincodeEventsFeed(Ledgers ledgers, RequestAccess access) {
    this.ledgers = ledgers;
    this.access = access;
  }

  /**
   * Sends the events until the client goes away ({@code cancelled}); throws a status error for a
   * bad or refused request or a block that cannot be read.
   */
  void stream(
      SignedChaincodeEventsRequest signed,
      Consumer<ChaincodeEventsResponse> send,
      BooleanSupplier cancelled)
      throws InterruptedException {
    if (signed.getRequest().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "a chaincode events request is required");
    }
    ChaincodeEventsRequest request;
    try {
      request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      throw GatewayError.of(
          Status.Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage());
    }
    access.check(
        RequestAccess.CHAINCODE_EVENTS,
        request.getChannelId(),
        new SignedData(signed.getRequest(), request.getIdentity(), signed.getSignature()));
    Ledger ledger =
        ledgers
            .get(request.getChannelId())
            .orElseThrow(
                () ->
                    GatewayError.of(
                        Status.Code.NOT_FOUND,
                        "channel does not exist: " + request.getChannelId()));
    BlockStore blocks = ledger.blocks();
    ChaincodeEventFilter filter =
        new ChaincodeEventFilter(request.getChaincodeId(), request.getAfterTransactionId());
    for (long number = startBlock(blocks, request); ; number++) {
      while (!blocks.awaitBlock(number, WAIT_SLICE_MILLIS)) {
        if (cancelled.getAsBoolean()) {
          return;
        }
      }
      if (cancelled.getAsBoolean()) {
        return;
      }
      long wanted = number;
      Block block =
          blocks
              .block(number)
              .orElseThrow(
                  () -> GatewayError.of(Status.Code.ABORTED, "block " + wanted + " is not held"));
      List<ChaincodeEvent> events;
      try {
        events = BlockChaincodeEvents.of(block).stream().filter(filter::accepts).toList();
      } catch (InvalidProtocolBufferException e) {
        throw GatewayError.of(
            Status.Code.ABORTED, "block " + number + " cannot be read: " + e.getMessage());
      }
      if (!events.isEmpty()) {
        send.accept(
            ChaincodeEventsResponse.newBuilder()
                .setBlockNumber(number)
                .addAllEvents(events)
                .build());
      }
    }
  }

  private static long startBlock(BlockStore blocks, ChaincodeEventsRequest request) {
    String after = request.getAfterTransactionId();
    if (!after.isEmpty()) {
      var location = blocks.transaction(after);
      if (location.isPresent()) {
        return location.get().blockNumber();
      }
    }
    SeekPosition position = request.getStartPosition();
    return switch (position.getTypeCase()) {
      case SPECIFIED -> position.getSpecified().getNumber();
      case NEXT_COMMIT, TYPE_NOT_SET -> blocks.nextNumber();
      default ->
          throw GatewayError.of(
              Status.Code.INVALID_ARGUMENT,
              "invalid start position type: *orderer.SeekPosition_"
                  + (position.hasOldest() ? "Oldest" : "Newest")
                  + " (chaincode events start at a specified block or at the next commit)");
    };
  }
}
