package dev.weft.peer.chaincode;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One chaincode execution asked for by the endorser.
 *
 * @param channelId the channel whose state the chaincode sees
 * @param txId the transaction id of the proposal
 * @param signedProposal the client's signed proposal, forwarded to the chaincode unchanged
 * @param chaincodeName the chaincode name (the namespace of its state)
 * @param input the arguments; {@code is_init} selects INIT instead of TRANSACTION
 */
public record ExecutionRequest(
    String channelId,
    String txId,
    SignedProposal signedProposal,
    String chaincodeName,
    ChaincodeInput input) {

  public ExecutionRequest {
    if (txId.isEmpty()) {
      throw new IllegalArgumentException("an execution needs a transaction id");
    }
    if (chaincodeName.isEmpty()) {
      throw new IllegalArgumentException("an execution needs a chaincode name");
    }
  }
}
