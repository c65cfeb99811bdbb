package dev.weft.peer.chaincode;

import dev.weft.peer.ledger.TxSimulator;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Where a chaincode runs: the channel and transaction, the client's proposal, and the simulator
 * that records its reads and writes. A same-channel cross-chaincode call runs in the caller's
 * scope; the owner of the simulator is whoever created the scope.
 *
 * @param channelId the channel
 * @param txId the transaction id
 * @param signedProposal the client's signed proposal
 * @param simulator the simulation of this transaction on this channel
 */
record InvocationScope(
    String channelId, String txId, SignedProposal signedProposal, TxSimulator simulator) {}
