package dev.weft.peer.chaincode;

import java.util.concurrent.CompletableFuture;

/**
 * Says why a chaincode disconnected better than its stream can: when the peer launched the
 * chaincode, the stream usually ends because its process exited, and the exit code tells more than
 * a cancelled stream.
 */
@FunctionalInterface
interface DisconnectReasons {

  /** The stream's own reason, as it is. */
  DisconnectReasons AS_GIVEN = (chaincodeId, reason) -> CompletableFuture.completedFuture(reason);

  /** Completes with the reason to give the transactions of a chaincode whose stream ended. */
  CompletableFuture<String> explain(String chaincodeId, String streamReason);
}
