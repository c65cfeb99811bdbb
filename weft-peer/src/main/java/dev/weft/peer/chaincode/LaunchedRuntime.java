package dev.weft.peer.chaincode;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * What runs a launched package: a process the peer started, or the peer's connection to a chaincode
 * server. It ends when the process exits or the connection ends.
 */
final class LaunchedRuntime {

  private final String description;
  private final CompletableFuture<String> ended;
  private final Runnable stop;

  private LaunchedRuntime(String description, CompletableFuture<String> ended, Runnable stop) {
    this.description = description;
    this.ended = ended;
    this.stop = stop;
  }

  /** A chaincode process; it ends when the process exits. */
  static LaunchedRuntime process(
      String packageId, ChildProcess child, ChildProcesses owner, Path chaincodeLog) {
    return new LaunchedRuntime(
        child.toString(),
        child
            .exit()
            .handle(
                (code, failure) ->
                    "chaincode process for "
                        + packageId
                        + " exited with code "
                        + (code == null ? "unknown" : code)
                        + "; its output is in "
                        + chaincodeLog),
        () -> owner.stop(child));
  }

  /** A connection to a chaincode server; it ends with the stream. */
  static LaunchedRuntime dialed(String address, ChaincodeServerDialer.DialedChaincode connection) {
    return new LaunchedRuntime(
        "connection to the chaincode server at " + address, connection.ended(), connection::close);
  }

  /** Completes, with what happened, when the runtime has ended. */
  CompletableFuture<String> ended() {
    return ended;
  }

  /** Stops the process (with its descendants) or closes the connection; waits for a process. */
  void stop() {
    stop.run();
  }

  @Override
  public String toString() {
    return description;
  }
}
