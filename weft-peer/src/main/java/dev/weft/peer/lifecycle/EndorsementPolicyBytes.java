package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.PolicyExpression;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;

/**
 * A chaincode definition's endorsement policy as its {@code validation_parameter} carries it: a
 * marshalled {@code ApplicationPolicy}, built as Fabric's {@code peer lifecycle chaincode} command
 * builds it from {@code --signature-policy} or {@code --channel-config-policy}.
 */
public final class EndorsementPolicyBytes {

  /** The channel policy a definition without an endorsement policy references. */
  public static final String DEFAULT_ENDORSEMENT_POLICY = "/Channel/Application/Endorsement";

  private EndorsementPolicyBytes() {}

  /**
   * The validation parameter for the command's options: empty when neither is given (the peer then
   * uses the channel's default), a signature policy in Fabric's expression language, or a reference
   * to a channel policy.
   *
   * @throws IllegalArgumentException with Fabric's message when both are given or the signature
   *     policy does not parse
   */
  public static ByteString of(String signaturePolicy, String channelConfigPolicy) {
    if (signaturePolicy.isEmpty() && channelConfigPolicy.isEmpty()) {
      return ByteString.EMPTY;
    }
    if (!signaturePolicy.isEmpty() && !channelConfigPolicy.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
    }
    return signaturePolicy.isEmpty()
        ? channelConfigPolicy(channelConfigPolicy)
        : signaturePolicy(signaturePolicy);
  }

  /**
   * A signature policy such as {@code OR('Org1MSP.peer','Org2MSP.peer')}.
   *
   * @throws IllegalArgumentException "invalid signature policy: ..." as Fabric's CLI says it
   */
  public static ByteString signaturePolicy(String expression) {
    try {
      return ApplicationPolicy.newBuilder()
          .setSignaturePolicy(PolicyExpression.parse(expression))
          .build()
          .toByteString();
    } catch (PolicyException e) {
      throw new IllegalArgumentException("invalid signature policy: " + expression, e);
    }
  }

  /** A reference to a channel policy, e.g. {@code /Channel/Application/Endorsement}. */
  public static ByteString channelConfigPolicy(String reference) {
    return ApplicationPolicy.newBuilder()
        .setChannelConfigPolicyReference(reference)
        .build()
        .toByteString();
  }

  /** Fabric's default validation parameter: a reference to the channel's Endorsement policy. */
  static ByteString channelDefault() {
    return channelConfigPolicy(DEFAULT_ENDORSEMENT_POLICY);
  }
}
