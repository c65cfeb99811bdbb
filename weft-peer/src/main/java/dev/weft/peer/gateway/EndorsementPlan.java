package dev.weft.peer.gateway;

import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.config.Setting;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * Whether the endorsements the gateway can collect satisfy the endorsement policies a transaction
 * needs. Fabric's gateway asks discovery for a plan covering the chaincodes of the first
 * endorsement's interest (or the invoked chaincode when it names none) and fails the request when
 * no available peers can satisfy them. A Weft gateway has one peer, so the plan is that peer's
 * endorsement, and it is checked here rather than left to fail at commit.
 */
final class EndorsementPlan {

  private final Channels channels;
  private final String endorsementPolicyPath;

  /**
   * @param endorsementPolicyPath the channel policy every chaincode's endorsements must satisfy
   */
  EndorsementPlan(Channels channels, String endorsementPolicyPath) {
    this.channels = channels;
    this.endorsementPolicyPath = endorsementPolicyPath;
  }

  /**
   * Why this peer's endorsement in {@code response} does not satisfy the policies the transaction
   * needs, if it does not.
   */
  Optional<String> shortfall(String channelId, String chaincode, ProposalResponse response) {
    Optional<Channel> channel = channels.get(channelId);
    if (channel.isEmpty()) {
      return Optional.of("channel " + channelId + " not found");
    }
    Set<String> chaincodes = new LinkedHashSet<>();
    for (ChaincodeCall call : response.getInterest().getChaincodesList()) {
      chaincodes.add(call.getName());
    }
    if (chaincodes.isEmpty()) {
      chaincodes.add(chaincode);
    }
    var endorsement = response.getEndorsement();
    SignatureSet endorsements =
        SignatureSet.of(
            new SignedData(
                response.getPayload().concat(endorsement.getEndorser()),
                endorsement.getEndorser(),
                endorsement.getSignature()));
    for (String name : chaincodes) {
      try {
        channel.get().policy(endorsementPolicyPath).evaluate(endorsements);
      } catch (PolicyException e) {
        return Optional.of(
            "no peer combination can satisfy the endorsement policy: the endorsement policy of"
                + " chaincode "
                + name
                + " ("
                + endorsementPolicyPath
                + ") needs more than this peer's endorsement ("
                + e.getMessage()
                + "), and this gateway has no other peers to ask; "
                + Setting.PEER_ENDORSEMENT_POLICY.key()
                + " ("
                + Setting.PEER_ENDORSEMENT_POLICY.environmentVariable()
                + ") names the policy");
      }
    }
    return Optional.empty();
  }
}
