package dev.weft.peer.gateway;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluate: runs a proposal on this peer and returns the chaincode's response; nothing is ordered
 * or committed. Failures as Fabric's gateway reports them: INVALID_ARGUMENT for a proposal it
 * cannot read, UNAVAILABLE for a channel the peer has not joined, FAILED_PRECONDITION when no
 * endorser may or can evaluate (the chaincode is not running here, or the request targets other
 * organisations), and otherwise the endorser's outcome (see {@link ProposalOutcome}) with an error
 * detail naming this peer: a chaincode's error is UNKNOWN "evaluate call to endorser returned
 * error: chaincode response 500, its message".
 */
final class Evaluator {

  private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

  private final LocalEndorser peer;

  Evaluator(LocalEndorser peer) {
    this.peer = peer;
  }

  CompletableFuture<EvaluateResponse> evaluate(EvaluateRequest request) {
    ProposalParts proposal;
    try {
      proposal = ProposalParts.forEvaluation(request.getProposedTransaction());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          GatewayError.of(
              Status.Code.INVALID_ARGUMENT,
              "failed to unpack transaction proposal: " + e.getMessage()));
    }
    String channel = proposal.channelId();
    String chaincode = proposal.chaincodeName();
    if (!peer.servesChannel(channel)) {
      return CompletableFuture.failedFuture(
          GatewayError.of(Status.Code.UNAVAILABLE, peer.unknownChannel(channel)));
    }
    List<String> targets = request.getTargetOrganizationsList();
    // Transient data stays in the gateway's organisation unless the client names others.
    boolean transientProtected = proposal.hasTransientData() && targets.isEmpty();
    Optional<String> unavailable = unavailability(channel, chaincode, targets);
    if (unavailable.isPresent()) {
      String message =
          "no peers available to evaluate chaincode "
              + chaincode
              + " in channel "
              + channel
              + ": "
              + unavailable.get();
      return CompletableFuture.failedFuture(
          GatewayError.of(
              Status.Code.FAILED_PRECONDITION,
              transientProtected
                  ? "no endorsers found in the gateway's organization; retry specifying target"
                      + " organization(s) to protect transient data: "
                      + message
                  : message));
    }
    Endpoint endpoint = peer.endpoint();
    return peer.process(request.getProposedTransaction())
        .thenApply(
            outcome -> {
              if (outcome.succeeded()) {
                return EvaluateResponse.newBuilder().setResult(outcome.result()).build();
              }
              log.debug(
                  "evaluate of chaincode {} on channel {} for transaction {} failed: {}",
                  chaincode,
                  channel,
                  proposal.channelHeader().getTxId(),
                  outcome.message());
              // One endorser: a failure Fabric would retry elsewhere has nowhere else to go.
              throw GatewayError.of(
                  outcome.code(),
                  outcome.retry()
                      ? "failed to evaluate transaction, see attached details for more info"
                      : "evaluate call to endorser returned error: " + outcome.message(),
                  endpoint.detail(outcome.message()));
            });
  }

  /** Why this peer may not or cannot evaluate, if so. */
  private Optional<String> unavailability(String channel, String chaincode, List<String> targets) {
    if (!targets.isEmpty() && !targets.contains(peer.mspId())) {
      return Optional.of(
          "the request targets organization(s) "
              + String.join(", ", targets)
              + ", and this gateway's only peer is in "
              + peer.mspId());
    }
    return peer.chaincodeMissing(channel, chaincode);
  }
}
