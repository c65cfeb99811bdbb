package dev.weft.peer.gateway;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endorse: collects the endorsements a transaction needs (this peer's, the only one a Weft gateway
 * can ask) and returns the transaction prepared for the client to sign and submit. As in Fabric's
 * gateway:
 *
 * <ul>
 *   <li>a proposal that does not parse is INVALID_ARGUMENT;
 *   <li>with endorsing organisations named by the client: UNAVAILABLE "failed to find any endorsing
 *       peers for org(s): …" for those without a peer that can run the chaincode, and an endorser's
 *       failure is ABORTED "failed to collect enough transaction endorsements, …";
 *   <li>otherwise: FAILED_PRECONDITION when no peer can endorse (the channel or chaincode is not
 *       here) or the endorsement cannot satisfy the endorsement policy, and an endorser's failure
 *       (the chaincode's error included) is ABORTED "failed to endorse transaction, …".
 * </ul>
 *
 * Each endorser failure comes with an error detail carrying the endorser's or chaincode's message.
 */
final class EndorsementCollector {

  private static final Logger log = LoggerFactory.getLogger(EndorsementCollector.class);
  private static final String NO_PLAN =
      "no combination of peers can be derived which satisfy the endorsement policy: ";

  private final LocalEndorser peer;
  private final EndorsementPlan plan;

  EndorsementCollector(LocalEndorser peer, EndorsementPlan plan) {
    this.peer = peer;
    this.plan = plan;
  }

  CompletableFuture<EndorseResponse> endorse(EndorseRequest request) {
    SignedProposal signed = request.getProposedTransaction();
    if (signed.getProposalBytes().isEmpty()) {
      return failed(
          Status.Code.INVALID_ARGUMENT, "the proposed transaction must contain a signed proposal");
    }
    ProposalParts proposal;
    try {
      proposal = ProposalParts.parse(signed);
    } catch (IllegalArgumentException e) {
      return failed(Status.Code.INVALID_ARGUMENT, e.getMessage());
    }
    String channel = proposal.channelId();
    String chaincode = proposal.chaincodeName();
    Optional<String> unavailable =
        peer.servesChannel(channel)
            ? peer.chaincodeMissing(channel, chaincode)
            : Optional.of(peer.unknownChannel(channel));
    List<String> organizations = request.getEndorsingOrganizationsList();
    boolean chosenByClient = !organizations.isEmpty();
    if (chosenByClient) {
      List<String> missing =
          organizations.stream()
              .filter(org -> unavailable.isPresent() || !org.equals(peer.mspId()))
              .toList();
      if (!missing.isEmpty()) {
        return failed(
            Status.Code.UNAVAILABLE,
            "failed to find any endorsing peers for org(s): "
                + String.join(", ", missing)
                + unavailable.map(reason -> " (" + reason + ")").orElse(""));
      }
    } else if (unavailable.isPresent()) {
      if (proposal.hasTransientData()) {
        return failed(
            Status.Code.FAILED_PRECONDITION,
            "no endorsers found in the gateway's organization; retry specifying endorsing"
                + " organization(s) to protect transient data ("
                + unavailable.get()
                + ")");
      }
      return failed(Status.Code.FAILED_PRECONDITION, NO_PLAN + unavailable.get());
    }
    Endpoint endpoint = peer.endpoint();
    return peer.process(signed)
        .thenApply(
            outcome -> {
              if (!outcome.succeeded()) {
                log.warn(
                    "endorsement of chaincode {} on channel {} for transaction {} failed: {}",
                    chaincode,
                    channel,
                    proposal.channelHeader().getTxId(),
                    outcome.message());
                throw GatewayError.of(
                    Status.Code.ABORTED,
                    chosenByClient
                        ? "failed to collect enough transaction endorsements, see attached details"
                            + " for more info"
                        : "failed to endorse transaction, see attached details for more info",
                    endpoint.detail(outcome.message()));
              }
              // The client takes responsibility for the policy when it names the organisations.
              if (!chosenByClient) {
                Optional<String> shortfall = plan.shortfall(channel, chaincode, outcome.response());
                if (shortfall.isPresent()) {
                  throw GatewayError.of(Status.Code.FAILED_PRECONDITION, NO_PLAN + shortfall.get());
                }
              }
              ChaincodeEndorsedAction action =
                  ChaincodeEndorsedAction.newBuilder()
                      .setProposalResponsePayload(outcome.response().getPayload())
                      .addEndorsements(outcome.response().getEndorsement())
                      .build();
              return EndorseResponse.newBuilder()
                  .setPreparedTransaction(proposal.preparedTransaction(action))
                  .build();
            });
  }

  private static CompletableFuture<EndorseResponse> failed(Status.Code code, String message) {
    return CompletableFuture.failedFuture(GatewayError.of(code, message));
  }
}
