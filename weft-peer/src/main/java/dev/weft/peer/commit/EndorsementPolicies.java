package dev.weft.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Organization;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.policy.Policy;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignaturePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;

/**
 * The endorsement policies of a channel's namespaces, as Fabric's validator finds them:
 *
 * <ul>
 *   <li>a chaincode with a committed definition: its definition's validation parameter, a signature
 *       policy or a reference to a channel policy;
 *   <li>a chaincode without one (development mode): the configured channel policy;
 *   <li>{@code _lifecycle}: the keys of definitions {@code
 *       /Channel/Application/LifecycleEndorsement} (without it, none is valid, as in Fabric), the
 *       keys of an organisation's approvals that organisation's {@code
 *       /Channel/Application/<org>/Endorsement} (without it, any member of the organisation).
 * </ul>
 *
 * <p>Parsed policies are kept per namespace and definition sequence: a sequence's definition never
 * changes, so a block costs one read of each namespace's sequence.
 */
final class EndorsementPolicies {

  static final String LIFECYCLE = "_lifecycle";
  static final String LIFECYCLE_ENDORSEMENT = "/Channel/Application/LifecycleEndorsement";

  private record DefinedNamespace(String namespace, long sequence) {}

  private final Channel channel;
  private final String undefinedPolicyPath;
  private final ChaincodeValidationInfo definitions;
  private final Policy lifecyclePolicy;
  private final Map<DefinedNamespace, Policy> byDefinition = new ConcurrentHashMap<>();
  private final Map<String, Policy> byApprovingOrg = new ConcurrentHashMap<>();

  /**
   * @param undefinedPolicyPath the channel policy of chaincodes without a definition
   */
  EndorsementPolicies(
      Channel channel, String undefinedPolicyPath, ChaincodeValidationInfo definitions) {
    this.channel = channel;
    this.undefinedPolicyPath = undefinedPolicyPath;
    this.definitions = definitions;
    // As in Fabric, a channel without the policy accepts no definition: a weaker stand-in would
    // let clients of a majority of organisations rewrite definitions without any peer.
    this.lifecyclePolicy =
        channel.hasPolicy(LIFECYCLE_ENDORSEMENT)
            ? channel.policy(LIFECYCLE_ENDORSEMENT)
            : signatures -> {
              throw new PolicyException(
                  "channel "
                      + channel.id()
                      + " has no "
                      + LIFECYCLE_ENDORSEMENT
                      + " policy, which chaincode definitions must satisfy");
            };
  }

  /** The policies for one block's validation, read from the state before it. */
  ForBlock forBlock(StateSnapshot committed) {
    return new ForBlock(committed);
  }

  /** The policies of one block; used by one thread, in block order. */
  final class ForBlock {

    private final StateSnapshot committed;
    private final Map<String, Policy> namespaces = new HashMap<>();

    private ForBlock(StateSnapshot committed) {
      this.committed = committed;
    }

    /** The policy a namespace's endorsements must satisfy when no key decides otherwise. */
    Policy namespacePolicy(String namespace) {
      if (namespace.equals(LIFECYCLE)) {
        return lifecyclePolicy;
      }
      return namespaces.computeIfAbsent(namespace, this::definedPolicy);
    }

    /** The policy that guards a written key that has no key-level policy. */
    Policy keyPolicy(String namespace, String key) {
      if (namespace.equals(LIFECYCLE)) {
        Optional<String> org = definitions.approvingOrg(key);
        if (org.isPresent()) {
          return byApprovingOrg.computeIfAbsent(org.get(), EndorsementPolicies.this::orgPolicy);
        }
      }
      return namespacePolicy(namespace);
    }

    private Policy definedPolicy(String namespace) {
      long sequence = definitions.sequence(namespace, committed);
      if (sequence == 0) {
        return channel.policy(undefinedPolicyPath);
      }
      return byDefinition.computeIfAbsent(
          new DefinedNamespace(namespace, sequence),
          defined ->
              applicationPolicy(namespace, definitions.validationParameter(namespace, committed)));
    }
  }

  private Policy applicationPolicy(String namespace, ByteString parameter) {
    ApplicationPolicy policy;
    try {
      policy = ApplicationPolicy.parseFrom(parameter);
    } catch (InvalidProtocolBufferException e) {
      return invalid(namespace, "its validation parameter is not an ApplicationPolicy");
    }
    return switch (policy.getTypeCase()) {
      case SIGNATURE_POLICY -> {
        try {
          yield SignaturePolicy.of(policy.getSignaturePolicy(), channel.msps());
        } catch (PolicyException e) {
          yield invalid(namespace, e.getMessage());
        }
      }
      case CHANNEL_CONFIG_POLICY_REFERENCE -> {
        String reference = policy.getChannelConfigPolicyReference();
        // Fabric looks references up in the channel's root policy manager.
        yield channel.policy(reference.startsWith("/") ? reference : "/Channel/" + reference);
      }
      default -> invalid(namespace, "its validation parameter names no policy");
    };
  }

  private Policy orgPolicy(String mspId) {
    for (Organization org : channel.organizations()) {
      if (org.mspId().equals(mspId)) {
        String path = "/Channel/Application/" + org.name() + "/Endorsement";
        return channel.hasPolicy(path)
            ? channel.policy(path)
            : SignaturePolicy.of(signedByMembers(1, List.of(mspId)), channel.msps());
      }
    }
    return signatures -> {
      throw new PolicyException("no org found in channel with MSPID '" + mspId + "'");
    };
  }

  /** Fabric's {@code SignedByNOutOfGivenRole} with role member. */
  private static SignaturePolicyEnvelope signedByMembers(int n, List<String> mspIds) {
    var outOf = org.hyperledger.fabric.protos.common.SignaturePolicy.NOutOf.newBuilder().setN(n);
    SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder().setVersion(0);
    for (int i = 0; i < mspIds.size(); i++) {
      envelope.addIdentities(
          MSPPrincipal.newBuilder()
              .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
              .setPrincipal(
                  MSPRole.newBuilder()
                      .setMspIdentifier(mspIds.get(i))
                      .setRole(MSPRole.MSPRoleType.MEMBER)
                      .build()
                      .toByteString()));
      outOf.addRules(
          org.hyperledger.fabric.protos.common.SignaturePolicy.newBuilder().setSignedBy(i));
    }
    return envelope
        .setRule(org.hyperledger.fabric.protos.common.SignaturePolicy.newBuilder().setNOutOf(outOf))
        .build();
  }

  private static Policy invalid(String namespace, String why) {
    return signatures -> {
      throw new PolicyException(
          "the chaincode definition of " + namespace + " has no valid endorsement policy: " + why);
    };
  }
}
