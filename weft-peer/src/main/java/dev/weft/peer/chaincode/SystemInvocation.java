package dev.weft.peer.chaincode;

import dev.weft.peer.ledger.TxSimulator;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One invocation of a {@link SystemChaincode}.
 *
 * @param channelId the channel, empty for a proposal without one (e.g. installing a package)
 * @param txId the proposal's transaction id
 * @param signedProposal the client's signed proposal, for access control
 * @param input the arguments
 * @param simulator the transaction's simulation on the channel; empty without a channel
 */
public record SystemInvocation(
    String channelId,
    String txId,
    SignedProposal signedProposal,
    ChaincodeInput input,
    Optional<TxSimulator> simulator) {}
