package dev.weft.peer.gateway;

import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.endorser.Endorser;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * This peer as the gateway's only endorser: which channels it serves, whether a chaincode can run
 * on it, and its endorsements. Fabric's gateway learns the first two from discovery (a peer
 * advertises the chaincodes installed on it); a Weft peer's chaincodes are those registered with it
 * in development mode.
 */
final class LocalEndorser {

  private final Endorser endorser;
  private final ChaincodeSupport chaincodeSupport;
  private final Channels channels;
  private final String mspId;
  private final String chaincodeAddress;

  /**
   * @param mspId the peer's organisation
   * @param chaincodeAddress where chaincode connects, for the advice to start a missing one
   */
  LocalEndorser(
      Endorser endorser,
      ChaincodeSupport chaincodeSupport,
      Channels channels,
      String mspId,
      String chaincodeAddress) {
    this.endorser = endorser;
    this.chaincodeSupport = chaincodeSupport;
    this.channels = channels;
    this.mspId = mspId;
    this.chaincodeAddress = chaincodeAddress;
  }

  String mspId() {
    return mspId;
  }

  /** This peer as the current call reached it. */
  Endpoint endpoint() {
    return new Endpoint(CallAddress.current(), mspId);
  }

  boolean servesChannel(String channelId) {
    return channels.get(channelId).isPresent();
  }

  /** Fabric's discovery error for a channel the peer has not joined, and which channels it has. */
  String unknownChannel(String channelId) {
    return "failed to get config for channel ["
        + channelId
        + "]: could not get last config for channel "
        + channelId
        + " (this peer serves "
        + String.join(", ", channels.ids())
        + ")";
  }

  /**
   * Why {@code chaincodeName} cannot run on this peer, if it cannot: it is not a system chaincode,
   * has no definition on the channel that names a package this peer launches, and has not
   * registered. Says how to deploy it or start it in development mode.
   */
  Optional<String> chaincodeMissing(String channelId, String chaincodeName) {
    if (chaincodeSupport.isSystemChaincode(chaincodeName)) {
      return Optional.empty();
    }
    Optional<String> launchProblem = chaincodeSupport.launchProblem(channelId, chaincodeName);
    if (launchProblem.isEmpty()) {
      return Optional.empty();
    }
    String prefix = chaincodeName + ":";
    for (String id : chaincodeSupport.registeredChaincodes()) {
      if (id.startsWith(prefix)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "chaincode "
            + chaincodeName
            + " is not running on this peer: "
            + launchProblem.get()
            + ", and no chaincode has registered as "
            + chaincodeName
            + ":<version>; start it in development mode with CORE_CHAINCODE_ID_NAME="
            + chaincodeName
            + ":<version> CORE_PEER_ADDRESS="
            + chaincodeAddress);
  }

  /** Has the endorser process the proposal; never fails, the outcome says how it went. */
  CompletableFuture<ProposalOutcome> process(SignedProposal proposal) {
    CompletableFuture<ProposalOutcome> outcome;
    try {
      outcome = endorser.processProposal(proposal).handle(ProposalOutcome::of);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.completedFuture(ProposalOutcome.of(null, e));
    }
    return outcome;
  }
}
