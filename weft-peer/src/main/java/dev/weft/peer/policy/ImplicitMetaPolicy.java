package dev.weft.peer.policy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;

/**
 * A policy over the same-named policy of each sub-group (each organisation): ANY needs one of them,
 * ALL every one, MAJORITY more than half. With no sub-groups it is satisfied, as in Fabric.
 */
public final class ImplicitMetaPolicy implements Policy {

  private final org.hyperledger.fabric.protos.common.ImplicitMetaPolicy definition;
  private final List<Policy> subPolicies;
  private final int threshold;

  /**
   * @param subPolicies the sub-policy of each sub-group ({@link Policy#rejectAll} where a group
   *     lacks it)
   */
  public ImplicitMetaPolicy(
      org.hyperledger.fabric.protos.common.ImplicitMetaPolicy definition,
      List<Policy> subPolicies) {
    this.definition = definition;
    this.subPolicies = List.copyOf(subPolicies);
    int count = subPolicies.size();
    this.threshold =
        count == 0
            ? 0
            : switch (definition.getRule()) {
              case ANY -> 1;
              case ALL -> count;
              case MAJORITY -> count / 2 + 1;
              default ->
                  throw new PolicyException(
                      "unknown implicit meta rule " + definition.getRuleValue());
            };
  }

  /** Parses the marshalled {@code ImplicitMetaPolicy} of a channel configuration. */
  public static org.hyperledger.fabric.protos.common.ImplicitMetaPolicy definition(
      ByteString bytes) {
    try {
      return org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new PolicyException("Error unmarshalling to ImplicitMetaPolicy: " + e.getMessage(), e);
    }
  }

  /** Parses configtx.yaml's form, {@code "ANY Readers"}, {@code "MAJORITY Admins"}. */
  public static org.hyperledger.fabric.protos.common.ImplicitMetaPolicy parse(String rule) {
    String[] parts = rule.split(" ", -1);
    if (parts.length != 2) {
      throw new PolicyException(
          "expected two space separated tokens, but got " + parts.length + " in '" + rule + "'");
    }
    org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule kind =
        switch (parts[0]) {
          case "ANY" -> org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.ANY;
          case "ALL" -> org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.ALL;
          case "MAJORITY" -> org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.MAJORITY;
          default ->
              throw new PolicyException(
                  "unknown rule type '" + parts[0] + "', expected ALL, ANY, or MAJORITY");
        };
    return org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.newBuilder()
        .setRule(kind)
        .setSubPolicy(parts[1])
        .build();
  }

  public org.hyperledger.fabric.protos.common.ImplicitMetaPolicy definition() {
    return definition;
  }

  @Override
  public void evaluate(SignatureSet signatures) {
    int satisfied = 0;
    for (Policy policy : subPolicies) {
      if (satisfied >= threshold) {
        break;
      }
      if (policy.isSatisfiedBy(signatures)) {
        satisfied++;
      }
    }
    if (satisfied < threshold) {
      throw new PolicyException(
          "implicit policy evaluation failed - "
              + satisfied
              + " sub-policies were satisfied, but this policy requires "
              + threshold
              + " of the '"
              + definition.getSubPolicy()
              + "' sub-policies to be satisfied");
    }
  }
}
