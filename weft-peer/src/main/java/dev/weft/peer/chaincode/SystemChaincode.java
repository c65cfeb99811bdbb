package dev.weft.peer.chaincode;

import org.hyperledger.fabric.protos.peer.Response;

/**
 * A chaincode that runs inside the peer (Fabric's system chaincodes, here {@code _lifecycle}):
 * {@link ChaincodeSupport#execute} calls it directly instead of sending a TRANSACTION to a
 * connected chaincode. It answers as a chaincode does, with a {@link Response}: status 200 and a
 * payload, or an error status and message; its reads and writes go through the invocation's
 * simulator.
 */
public interface SystemChaincode {

  /** The name proposals address it by, which is also the namespace of its state. */
  String name();

  /**
   * Runs one invocation on the calling thread. Problems the caller should hear about are answered
   * with an error status, not thrown.
   */
  Response invoke(SystemInvocation invocation);
}
