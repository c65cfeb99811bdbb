package dev.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.policy.SignedData;
import io.grpc.Status;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;

/**
 * CommitStatus: the validation code and block number of a transaction, as soon as it is committed.
 * As in Fabric's gateway, the request must name an identity, a channel and a transaction and be
 * signed by a requester the channel lets read ({@link RequestAccess}); a transaction not committed
 * yet is waited for, with no limit of the peer's own: only the client's deadline or cancellation
 * ends the wait. A transaction id that never commits therefore waits until then.
 */
final class CommitStatusLookup {

  /** How often a waiting lookup checks whether the client has gone away. */
  private static final long WAIT_SLICE_MILLIS = 200;

  private final Ledgers ledgers;
  private final RequestAccess access;

  CommitStatusLookup(Ledgers ledgers, RequestAccess access) {
    this.ledgers = ledgers;
    this.access = access;
  }

  /**
   * The status of the requested transaction, waiting for its block; empty if the client went away
   * ({@code cancelled}) first. Throws a status error for a bad or refused request.
   */
  Optional<CommitStatusResponse> await(SignedCommitStatusRequest signed, BooleanSupplier cancelled)
      throws InterruptedException {
    if (signed.getRequest().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "a commit status request is required");
    }
    CommitStatusRequest request;
    try {
      request = CommitStatusRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      throw GatewayError.of(
          Status.Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage());
    }
    if (request.getIdentity().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "no identity provided");
    }
    if (request.getChannelId().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "no channel ID provided");
    }
    if (request.getTransactionId().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "transaction ID should not be empty");
    }
    access.check(
        RequestAccess.COMMIT_STATUS,
        request.getChannelId(),
        new SignedData(signed.getRequest(), request.getIdentity(), signed.getSignature()));
    Ledger ledger =
        ledgers
            .get(request.getChannelId())
            .orElseThrow(
                () ->
                    GatewayError.of(
                        Status.Code.ABORTED, "channel does not exist: " + request.getChannelId()));
    BlockStore blocks = ledger.blocks();
    while (true) {
      // The next block is read before the lookup, so that a block committed in between is not
      // waited for in vain.
      long next = blocks.nextNumber();
      Optional<BlockStore.TransactionLocation> location =
          blocks.transaction(request.getTransactionId());
      if (location.isPresent()) {
        return Optional.of(
            CommitStatusResponse.newBuilder()
                .setResult(location.get().validationCode())
                .setBlockNumber(location.get().blockNumber())
                .build());
      }
      while (!blocks.awaitBlock(next, WAIT_SLICE_MILLIS)) {
        if (cancelled.getAsBoolean()) {
          return Optional.empty();
        }
      }
    }
  }
}
