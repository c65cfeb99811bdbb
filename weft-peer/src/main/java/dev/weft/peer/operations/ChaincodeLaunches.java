package dev.weft.peer.operations;

import java.util.concurrent.CompletableFuture;

/** Starts a defined chaincode on a channel, for {@code POST /chaincodes/launch}. */
@FunctionalInterface
public interface ChaincodeLaunches {

  /**
   * Launches {@code chaincode} on {@code channel} unless it is running; completes with the id the
   * running chaincode registered with, or fails with a message that says what went wrong.
   */
  CompletableFuture<String> launch(String channel, String chaincode);
}
