package dev.weft.peer.chaincode;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a builder needs to start a chaincode: who the chaincode is, where the peer listens for it,
 * its TLS credentials, and how to start a process whose output goes to the chaincode's log.
 *
 * @param chaincodeId the id the chaincode must register with (its package id)
 * @param peerAddress {@code host:port} of the peer's chaincode listener
 * @param mspId the peer's MSP id, empty if it has none
 * @param tls the client credentials issued to the chaincode, empty without TLS
 * @param peerEnvironment the peer's environment, of which a chaincode gets a part
 * @param starter starts the chaincode's process with its output going to the chaincode log
 */
record RunContext(
    String chaincodeId,
    String peerAddress,
    String mspId,
    Optional<ChaincodeTlsCredentials> tls,
    Map<String, String> peerEnvironment,
    Starter starter) {

  /** Starts a chaincode process. */
  @FunctionalInterface
  interface Starter {
    ChildProcess start(Command command) throws IOException;
  }

  /**
   * The environment of a built-in builder's chaincode process: {@code inherited} (what the builder
   * passes on from the peer's environment) and the variables Fabric gives chaincode, with the TLS
   * files written into the package's {@code run} directory.
   */
  Map<String, String> chaincodeEnvironment(Map<String, String> inherited, UnpackedPackage built) {
    Map<String, String> variables = new TreeMap<>(inherited);
    try {
      variables.putAll(
          ChaincodeEnvironment.forChaincode(chaincodeId, peerAddress, mspId, tls, built.run()));
    } catch (IOException e) {
      throw new BuildFailure("cannot write the chaincode's TLS files into " + built.run(), e);
    }
    return variables;
  }

  /** Starts a command, reporting a failure to start as a {@link BuildFailure}. */
  ChildProcess start(Command command) {
    try {
      return starter.start(command);
    } catch (IOException e) {
      throw new BuildFailure("cannot start " + command.describe() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new BuildFailure(e.getMessage(), e);
    }
  }
}
