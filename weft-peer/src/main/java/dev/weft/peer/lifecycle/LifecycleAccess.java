package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.Msp;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Fabric's default access control of the lifecycle functions (resources {@code
 * _lifecycle/<function>}): what concerns this peer's packages and its organisation's approvals
 * needs an admin of the peer's own MSP; committing and querying definitions needs the channel's
 * Writers policy. A channel whose configuration names a policy for a resource (its ACLs) uses that
 * instead.
 */
final class LifecycleAccess {

  private static final String WRITERS = "/Channel/Application/Writers";

  private static final Set<String> PEER_ADMIN_FUNCTIONS =
      Set.of(
          "InstallChaincode",
          "QueryInstalledChaincode",
          "GetInstalledChaincodePackage",
          "QueryInstalledChaincodes",
          "ApproveChaincodeDefinitionForMyOrg",
          "QueryApprovedChaincodeDefinition",
          "QueryApprovedChaincodeDefinitions");

  private static final Set<String> CHANNEL_WRITER_FUNCTIONS =
      Set.of(
          "CommitChaincodeDefinition",
          "QueryChaincodeDefinition",
          "QueryChaincodeDefinitions",
          "CheckCommitReadiness");

  private final Msp localMsp;
  private final MSPPrincipal localAdmin;

  /**
   * @param localMsp the peer's own MSP, whose admins manage its packages and approvals
   */
  LifecycleAccess(Msp localMsp) {
    this.localMsp = localMsp;
    this.localAdmin =
        MSPPrincipal.newBuilder()
            .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
            .setPrincipal(
                MSPRole.newBuilder()
                    .setMspIdentifier(localMsp.id())
                    .setRole(MSPRole.MSPRoleType.ADMIN)
                    .build()
                    .toByteString())
            .build();
  }

  /**
   * Throws a {@link LifecycleException} saying why, in Fabric's words, when the proposal's creator
   * may not call {@code function}.
   *
   * @param channel the proposal's channel, empty without one
   */
  void check(String function, Optional<Channel> channel, SignedProposal signed) {
    String resource = LifecycleKeys.NAMESPACE + "/" + function;
    ByteString creator = creator(signed);
    Optional<String> configured = channel.flatMap(c -> c.aclPolicy(resource));
    if (configured.isPresent()) {
      evaluate(channel.get(), configured.get(), creator, signed, true);
    } else if (PEER_ADMIN_FUNCTIONS.contains(function)) {
      checkLocalAdmin(creator, signed);
    } else if (CHANNEL_WRITER_FUNCTIONS.contains(function)) {
      if (channel.isEmpty()) {
        throw new LifecycleException(
            "Invalid channel ID name during check policy on signed proposal. Name must be"
                + " different from nil.");
      }
      evaluate(channel.get(), WRITERS, creator, signed, false);
    } else {
      throw new LifecycleException("Unmapped policy for " + resource);
    }
  }

  private void checkLocalAdmin(ByteString creator, SignedProposal signed) {
    Identity identity;
    try {
      identity = localMsp.deserialize(creator);
    } catch (MspException e) {
      throw new LifecycleException(
          "Failed deserializing proposal creator during channelless check policy with policy"
              + " [Admins]: ["
              + e.getMessage()
              + "]");
    }
    try {
      localMsp.checkPrincipal(identity, localAdmin);
    } catch (MspException e) {
      throw new LifecycleException(
          "Failed verifying that proposal's creator satisfies local MSP principal during"
              + " channelless check policy with policy [Admins]: ["
              + e.getMessage()
              + "]");
    }
    if (!identity.verify(
        signed.getProposalBytes().toByteArray(), signed.getSignature().toByteArray())) {
      throw new LifecycleException("The signature is invalid");
    }
  }

  private static void evaluate(
      Channel channel, String path, ByteString creator, SignedProposal signed, boolean configured) {
    try {
      channel
          .policy(path)
          .evaluate(
              SignatureSet.of(
                  new SignedData(signed.getProposalBytes(), creator, signed.getSignature())));
    } catch (PolicyException e) {
      // Fabric's two ACL providers word this differently; both wordings are kept.
      throw new LifecycleException(
          configured
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

  private static ByteString creator(SignedProposal signed) {
    try {
      Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
      Header header = Header.parseFrom(proposal.getHeader());
      return SignatureHeader.parseFrom(header.getSignatureHeader()).getCreator();
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException("Failing extracting signed data from proposal", e);
    }
  }
}
