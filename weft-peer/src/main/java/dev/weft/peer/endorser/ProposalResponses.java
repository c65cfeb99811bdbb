package dev.weft.peer.endorser;

import com.google.protobuf.ByteString;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.msp.SigningIdentity;
import java.util.Set;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInterest;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * Builds proposal responses as Fabric's endorser and its default endorsement plugin (escc) do: the
 * {@code ProposalResponsePayload} (proposal hash, {@code ChaincodeAction} with the read-write set,
 * event, response and chaincode id), then, by the chaincode's status, an endorsement (below 400),
 * the response only (400 to 499), or the response and payload without endorsement (500 and above).
 * The endorsement signs payload ‖ endorser identity with the peer's key.
 */
final class ProposalResponses {

  private static final Set<String> SYSTEM_CHAINCODES = Set.of("_lifecycle", "lscc", "qscc", "cscc");

  private final SigningIdentity peer;

  ProposalResponses(SigningIdentity peer) {
    this.peer = peer;
  }

  ProposalResponse build(
      UnpackedProposal proposal, ExecutionResult result, String chaincodeVersion) {
    Response response = result.response();
    int status = response.getStatus();
    if (status >= 400 && status < 500) {
      return ProposalResponse.newBuilder().setResponse(response).build();
    }
    // Fabric drops the event of a response of 400 or more.
    ByteString events =
        status < 400 && result.event().isPresent()
            ? result.event().get().toByteString()
            : ByteString.EMPTY;
    ByteString payload =
        ProposalResponsePayload.newBuilder()
            .setProposalHash(ByteString.copyFrom(proposal.proposalHash()))
            .setExtension(
                ChaincodeAction.newBuilder()
                    .setResults(result.readWriteSet().toByteString())
                    .setEvents(events)
                    .setResponse(response)
                    .setChaincodeId(
                        ChaincodeID.newBuilder()
                            .setName(proposal.chaincodeName())
                            .setVersion(chaincodeVersion))
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    ChaincodeInterest interest = interest(result);
    if (status >= 500) {
      return ProposalResponse.newBuilder()
          .setResponse(response)
          .setPayload(payload)
          .setInterest(interest)
          .build();
    }
    ByteString endorser = peer.serialized();
    byte[] signature = peer.sign(payload.concat(endorser).toByteArray());
    return ProposalResponse.newBuilder()
        .setVersion(1)
        .setResponse(response)
        .setPayload(payload)
        .setEndorsement(
            Endorsement.newBuilder()
                .setEndorser(endorser)
                .setSignature(ByteString.copyFrom(signature)))
        .setInterest(interest)
        .build();
  }

  /**
   * One call per application namespace the simulation read or wrote: each needs its chaincode's
   * endorsement policy. (Key-level policies and collections will add to this.)
   */
  private static ChaincodeInterest interest(ExecutionResult result) {
    ChaincodeInterest.Builder interest = ChaincodeInterest.newBuilder();
    for (NsReadWriteSet ns : result.readWriteSet().getNsRwsetList()) {
      if (!SYSTEM_CHAINCODES.contains(ns.getNamespace())) {
        interest.addChaincodes(ChaincodeCall.newBuilder().setName(ns.getNamespace()));
      }
    }
    return interest.build();
  }
}
