package dev.weft.peer.endorser;

import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.chaincode.ExecutionRequest;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import io.grpc.ServerServiceDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endorser: processes a signed proposal as Fabric's {@code ProcessProposal} does and answers
 * with a signed proposal response. See the package documentation for the checks and their order.
 */
public final class Endorser {

  private static final Logger log = LoggerFactory.getLogger(Endorser.class);

  private final Channels channels;
  private final Ledgers ledgers;
  private final ChaincodeSupport chaincodeSupport;
  private final Msps localMsps;
  private final ProposalValidator validator;
  private final ProposalResponses responses;
  private final EndorserMetrics metrics;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param peer the peer's signing identity, which endorses
   * @param localMsps the peer's own MSP, which judges proposals without a channel
   * @param timeWindow how far a proposal's timestamp may be from the peer's clock
   * @param metrics where the endorser declares and records its metrics
   */
  public Endorser(
      Channels channels,
      Ledgers ledgers,
      ChaincodeSupport chaincodeSupport,
      SigningIdentity peer,
      Msps localMsps,
      Clock clock,
      Duration timeWindow,
      MetricsRegistry metrics) {
    this.channels = channels;
    this.ledgers = ledgers;
    this.chaincodeSupport = chaincodeSupport;
    this.localMsps = localMsps;
    this.validator = new ProposalValidator(clock, timeWindow);
    this.responses = new ProposalResponses(peer);
    this.metrics = EndorserMetrics.in(metrics);
  }

  /** The {@code protos.Endorser} service, to be added to the peer's client-facing server. */
  public ServerServiceDefinition service() {
    return new EndorserService(this).bindService();
  }

  /**
   * Processes a proposal. Completes with the response (status 500 for an unknown channel or a
   * failed simulation), or fails with {@link ProposalRejected} when Fabric would answer with a gRPC
   * error.
   */
  public CompletableFuture<ProposalResponse> processProposal(SignedProposal signedProposal) {
    long arrival = System.nanoTime();
    metrics.proposalsReceived().increment();
    UnpackedProposal proposal;
    try {
      proposal = UnpackedProposal.unpack(signedProposal);
      validator.checkAuthentication(proposal);
      if (proposal.channelId().isEmpty()) {
        validator.validate(proposal, localMsps);
      }
    } catch (ProposalRejected e) {
      metrics.proposalValidationFailures().increment();
      return rejected(e);
    }
    if (proposal.channelId().isEmpty()) {
      if (!chaincodeSupport.isSystemChaincode(proposal.chaincodeName())) {
        return CompletableFuture.completedFuture(
            answered(
                proposal,
                arrival,
                error(
                    "error in simulation: chaincode "
                        + proposal.chaincodeName()
                        + " cannot be invoked without a channel: only system chaincodes"
                        + " (_lifecycle) can")));
      }
      // As Fabric: no duplicate or ACL check without a channel; the system chaincode checks
      // access against the peer's own MSP.
      return execute(proposal, signedProposal)
          .handle(
              (result, failure) ->
                  failure == null ? endorse(proposal, result) : simulationFailed(proposal, failure))
          .thenApply(response -> answered(proposal, arrival, response));
    }
    Optional<Channel> known = channels.get(proposal.channelId());
    Optional<Ledger> ledger = ledgers.get(proposal.channelId());
    if (known.isEmpty() || ledger.isEmpty()) {
      return CompletableFuture.completedFuture(
          error("channel '" + proposal.channelId() + "' not found"));
    }
    Channel channel = known.get();
    String channelId = proposal.channelId();
    String chaincode = proposal.chaincodeName();
    SignatureSet creator;
    try {
      creator = validator.validate(proposal, channel.msps());
    } catch (ProposalRejected e) {
      metrics.proposalValidationFailures().increment();
      return rejected(e);
    }
    if (ledger.get().containsTransaction(proposal.txId())) {
      metrics.duplicateTransactionFailures().increment(channelId, chaincode);
      return rejected(duplicate(proposal, ""));
    }
    try {
      checkAccess(channel, creator);
    } catch (ProposalRejected e) {
      metrics.proposalAclFailures().increment(channelId, chaincode);
      return rejected(e);
    }
    String key = channelId + proposal.txId();
    if (!inFlight.add(key)) {
      metrics.duplicateTransactionFailures().increment(channelId, chaincode);
      return rejected(
          duplicate(proposal, ": a proposal with this transaction id is being endorsed"));
    }
    return execute(proposal, signedProposal)
        .handle(
            (result, failure) ->
                failure == null ? endorse(proposal, result) : simulationFailed(proposal, failure))
        .thenApply(response -> answered(proposal, arrival, response))
        .whenComplete((r, failure) -> inFlight.remove(key));
  }

  private CompletableFuture<ExecutionResult> execute(
      UnpackedProposal proposal, SignedProposal signedProposal) {
    try {
      return chaincodeSupport.execute(
          new ExecutionRequest(
              proposal.channelId(),
              proposal.txId(),
              signedProposal,
              proposal.chaincodeName(),
              proposal.input()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Builds and signs the response to a simulated proposal. */
  private ProposalResponse endorse(UnpackedProposal proposal, ExecutionResult result) {
    ProposalResponse response;
    try {
      response = responses.build(proposal, result, chaincodeVersion(proposal, result));
    } catch (RuntimeException e) {
      metrics
          .endorsementFailures()
          .increment(proposal.channelId(), proposal.chaincodeName(), "false");
      log.warn(
          "failed to endorse transaction {} on channel {}: {}",
          proposal.txId(),
          proposal.channelId(),
          e.toString());
      return error("endorsing with plugin failed: " + e.getMessage());
    }
    int status = response.getResponse().getStatus();
    if (status >= 400 && status < 500) {
      metrics
          .endorsementFailures()
          .increment(proposal.channelId(), proposal.chaincodeName(), "true");
    }
    return response;
  }

  /** Records the outcome of a proposal that passed the checks. */
  private ProposalResponse answered(
      UnpackedProposal proposal, long arrival, ProposalResponse response) {
    boolean endorsed = response.hasEndorsement();
    if (endorsed) {
      metrics.successfulProposals().increment();
    }
    metrics
        .proposalDuration()
        .observeSince(
            arrival, proposal.channelId(), proposal.chaincodeName(), String.valueOf(endorsed));
    return response;
  }

  private static CompletableFuture<ProposalResponse> rejected(ProposalRejected e) {
    log.warn("proposal rejected: {}", e.getMessage());
    return CompletableFuture.failedFuture(e);
  }

  /**
   * Fabric's ACL check for resource {@code peer/Propose}: the policy the channel config's ACLs name
   * (configtxgen's profiles name one) or, without one, the default provider's Writers policy. The
   * two providers word their failure differently; both wordings are kept.
   */
  private static void checkAccess(Channel channel, SignatureSet creator) {
    Optional<String> configured = channel.aclPolicy("peer/Propose");
    String path = configured.orElse(Channel.DEFAULT_PROPOSE_POLICY);
    try {
      channel.policy(path).evaluate(creator);
    } catch (PolicyException e) {
      throw new ProposalRejected(
          configured.isPresent()
              ? "failed evaluating policy on signed data during check policy ["
                  + path
                  + "]: ["
                  + e.getMessage()
                  + "]"
              : "Failed evaluating policy on signed data during check policy on channel ["
                  + channel.id()
                  + "] with policy ["
                  + path
                  + "]: ["
                  + e.getMessage()
                  + "]");
    }
  }

  /**
   * The version the ChaincodeAction names: the definition's version, as in Fabric ("syscc" for a
   * system chaincode). A chaincode without a definition (development mode) names the version it
   * registered with ({@code name:version}).
   */
  private String chaincodeVersion(UnpackedProposal proposal, ExecutionResult result) {
    if (!result.chaincodeVersion().equals(ExecutionResult.UNDEFINED_VERSION)) {
      return result.chaincodeVersion();
    }
    String prefix = proposal.chaincodeName() + ":";
    for (String id : chaincodeSupport.registeredChaincodes()) {
      if (id.startsWith(prefix)) {
        return id.substring(prefix.length());
      }
    }
    return "";
  }

  private ProposalResponse simulationFailed(UnpackedProposal proposal, Throwable failure) {
    metrics.proposalSimulationFailures().increment(proposal.channelId(), proposal.chaincodeName());
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    log.warn(
        "failed to invoke chaincode {} on channel {} for transaction {}: {}",
        proposal.chaincodeName(),
        proposal.channelId(),
        proposal.txId(),
        cause.getMessage());
    return error("error in simulation: " + cause.getMessage());
  }

  private static ProposalRejected duplicate(UnpackedProposal proposal, String detail) {
    return new ProposalRejected(
        "duplicate transaction found ["
            + proposal.txId()
            + "]. Creator ["
            + HexFormat.of().formatHex(proposal.signatureHeader().getCreator().toByteArray())
            + "]"
            + detail);
  }

  private static ProposalResponse error(String message) {
    return ProposalResponse.newBuilder()
        .setResponse(Response.newBuilder().setStatus(500).setMessage(message))
        .build();
  }
}
