package dev.weft.peer.chaincode;

import dev.weft.peer.ledger.TxSimulator;
import java.util.Optional;

/**
 * Where chaincode support finds the committed definition of a chaincode (implemented by the
 * lifecycle). It reads through the transaction's simulator, so that, as in Fabric, every
 * invocation's read-write set records the definition it ran under.
 */
public interface ChaincodeDefinitions {

  /** No definitions at all: every chaincode runs in development mode. */
  ChaincodeDefinitions NONE = (channelId, chaincodeName, simulator) -> Optional.empty();

  /**
   * The definition of {@code chaincodeName} on {@code channelId}, read through {@code simulator};
   * empty when the chaincode is not defined there.
   */
  Optional<ChaincodeDefinition> find(String channelId, String chaincodeName, TxSimulator simulator);
}
