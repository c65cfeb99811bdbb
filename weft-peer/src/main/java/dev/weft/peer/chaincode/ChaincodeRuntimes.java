package dev.weft.peer.chaincode;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the connected handler that runs a chaincode: the runtime of its definition's installed
 * package, or a chaincode the user started in development mode, registered by name.
 */
final class ChaincodeRuntimes {

  private final HandlerRegistry registry;

  ChaincodeRuntimes(HandlerRegistry registry) {
    this.registry = registry;
  }

  /**
   * Completes with a ready handler for the chaincode, or fails with a {@link ChaincodeException}.
   */
  CompletableFuture<Handler> handler(
      String chaincodeName, Optional<ChaincodeDefinition> definition) {
    try {
      if (definition.isPresent() && definition.get().packageId().isPresent()) {
        Optional<Handler> launched = registry.ready(definition.get().packageId().get());
        if (launched.isPresent()) {
          return CompletableFuture.completedFuture(launched.get());
        }
      }
      return CompletableFuture.completedFuture(registry.forName(chaincodeName));
    } catch (ChaincodeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
