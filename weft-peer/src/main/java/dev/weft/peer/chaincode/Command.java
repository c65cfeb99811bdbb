package dev.weft.peer.chaincode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A program the peer runs for a chaincode: a build step or a chaincode runtime.
 *
 * @param arguments the program and its arguments
 * @param workingDirectory where it runs
 * @param environment its whole environment (nothing of the peer's is added)
 */
record Command(List<String> arguments, Path workingDirectory, Map<String, String> environment) {

  Command {
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  /** The command line as a person would type it, for logs and error messages. */
  String describe() {
    return String.join(" ", arguments);
  }
}
