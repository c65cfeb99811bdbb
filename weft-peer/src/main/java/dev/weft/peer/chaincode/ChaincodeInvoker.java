package dev.weft.peer.chaincode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Runs a chaincode by name in a given scope: finds its handler and sends it a TRANSACTION (or INIT
 * when {@code is_init} is set), used both for the endorser's executions and for cross-chaincode
 * calls.
 */
final class ChaincodeInvoker {

  private final ChaincodeDefinitions definitions;
  private final ChaincodeRuntimes runtimes;
  private final Duration executeTimeout;

  ChaincodeInvoker(
      ChaincodeDefinitions definitions, ChaincodeRuntimes runtimes, Duration executeTimeout) {
    this.definitions = definitions;
    this.runtimes = runtimes;
    this.executeTimeout = executeTimeout;
  }

  /**
   * Completes with the chaincode's COMPLETED or ERROR message; fails with a {@link
   * ChaincodeException} when it cannot be run or does not answer in time.
   */
  CompletableFuture<ChaincodeMessage> invoke(
      InvocationScope scope, String chaincodeName, ChaincodeInput input) {
    Optional<ChaincodeDefinition> definition;
    try {
      // Read through the simulator: the read-write set records the definition, as in Fabric.
      definition = definitions.find(scope.channelId(), chaincodeName, scope.simulator());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtimes
        .handler(scope.channelId(), chaincodeName, definition)
        .thenCompose(handler -> send(handler, scope, chaincodeName, input));
  }

  private CompletableFuture<ChaincodeMessage> send(
      Handler handler, InvocationScope scope, String chaincodeName, ChaincodeInput input) {
    // As in Fabric, the peer replaces the client's decorations with its own (none).
    ChaincodeInput decorated = input.toBuilder().clearDecorations().build();
    ChaincodeMessage message =
        ChaincodeMessage.newBuilder()
            .setType(
                input.getIsInit() ? ChaincodeMessage.Type.INIT : ChaincodeMessage.Type.TRANSACTION)
            .setPayload(decorated.toByteString())
            .setTxid(scope.txId())
            .setChannelId(scope.channelId())
            .setProposal(scope.signedProposal())
            .build();
    try {
      return handler.execute(scope, chaincodeName, message, executeTimeout);
    } catch (ChaincodeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
