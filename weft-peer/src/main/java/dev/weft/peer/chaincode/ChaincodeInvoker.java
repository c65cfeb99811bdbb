package dev.weft.peer.chaincode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Runs a chaincode by name in a given scope: finds its definition and handler and sends it a
 * TRANSACTION or INIT, used both for the endorser's executions and for cross-chaincode calls. A
 * chaincode with a definition follows Fabric's init rule ({@link InitRule}); one without (in
 * development mode) gets an INIT whenever {@code is_init} is set.
 */
final class ChaincodeInvoker {

  /**
   * A chaincode's final message and the definition it ran under.
   *
   * @param message the chaincode's COMPLETED or ERROR
   * @param definition its committed definition; empty in development mode
   */
  record Invoked(ChaincodeMessage message, Optional<ChaincodeDefinition> definition) {}

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
    return invokeDefined(scope, chaincodeName, input).thenApply(Invoked::message);
  }

  /** As {@link #invoke}, also telling the definition the chaincode ran under. */
  CompletableFuture<Invoked> invokeDefined(
      InvocationScope scope, String chaincodeName, ChaincodeInput input) {
    Optional<ChaincodeDefinition> definition;
    ChaincodeMessage.Type type;
    try {
      // Read through the simulator: the read-write set records the definition, as in Fabric.
      definition = find(scope, chaincodeName);
      type =
          definition.isPresent()
              ? InitRule.messageType(definition.get(), input, scope.simulator())
              : input.getIsInit() ? ChaincodeMessage.Type.INIT : ChaincodeMessage.Type.TRANSACTION;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtimes
        .handler(scope.channelId(), chaincodeName, definition)
        .thenCompose(handler -> send(handler, scope, chaincodeName, input, type))
        .thenApply(message -> new Invoked(message, definition));
  }

  private Optional<ChaincodeDefinition> find(InvocationScope scope, String chaincodeName) {
    try {
      return definitions.find(scope.channelId(), chaincodeName, scope.simulator());
    } catch (ChaincodeException e) {
      throw new ChaincodeException(
          "invalid invocation: [channel "
              + scope.channelId()
              + "] failed to get chaincode container info for "
              + chaincodeName
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private CompletableFuture<ChaincodeMessage> send(
      Handler handler,
      InvocationScope scope,
      String chaincodeName,
      ChaincodeInput input,
      ChaincodeMessage.Type type) {
    // As in Fabric, the peer replaces the client's decorations with its own (none).
    ChaincodeInput decorated = input.toBuilder().clearDecorations().build();
    ChaincodeMessage message =
        ChaincodeMessage.newBuilder()
            .setType(type)
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
