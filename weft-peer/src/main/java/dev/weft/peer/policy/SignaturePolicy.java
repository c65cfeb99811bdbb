package dev.weft.peer.policy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.Msps;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * A signature policy evaluated as Fabric's {@code cauthdsl} does: {@code SignedBy(i)} is satisfied
 * by the first not yet used identity that satisfies principal {@code i}, which it then uses; {@code
 * NOutOf(n, rules)} by at least n rules, each evaluated on a copy of the used marks that is kept
 * only if the rule is satisfied. So each signature counts at most once, and the outcome depends on
 * the order of rules and signatures exactly as in Fabric.
 */
public final class SignaturePolicy implements Policy {

  /** A compiled rule: true if satisfied, marking the identities it used. */
  private interface Rule {
    boolean evaluate(List<Identity> identities, boolean[] used);
  }

  private final SignaturePolicyEnvelope envelope;
  private final Msps msps;
  private final Rule rule;

  private SignaturePolicy(SignaturePolicyEnvelope envelope, Msps msps) {
    if (envelope.getVersion() != 0) {
      throw new PolicyException(
          "This evaluator only understands messages of version 0, but version was "
              + envelope.getVersion());
    }
    if (!envelope.hasRule()) {
      throw new PolicyException("Empty policy element");
    }
    this.envelope = envelope;
    this.msps = msps;
    this.rule = compile(envelope.getRule(), envelope.getIdentitiesList());
  }

  /** The policy of an envelope, whose principals are judged by {@code msps}. */
  public static SignaturePolicy of(SignaturePolicyEnvelope envelope, Msps msps) {
    return new SignaturePolicy(envelope, msps);
  }

  /** The policy of a marshalled {@code SignaturePolicyEnvelope}. */
  public static SignaturePolicy of(ByteString envelope, Msps msps) {
    try {
      return new SignaturePolicy(SignaturePolicyEnvelope.parseFrom(envelope), msps);
    } catch (InvalidProtocolBufferException e) {
      throw new PolicyException("Error unmarshalling to SignaturePolicy: " + e.getMessage(), e);
    }
  }

  public SignaturePolicyEnvelope envelope() {
    return envelope;
  }

  @Override
  public void evaluate(SignatureSet signatures) {
    if (!isSatisfiedBy(signatures)) {
      throw new PolicyException("signature set did not satisfy policy");
    }
  }

  @Override
  public boolean isSatisfiedBy(SignatureSet signatures) {
    List<Identity> identities = signatures.verifiedIdentities(msps);
    return rule.evaluate(identities, new boolean[identities.size()]);
  }

  private Rule compile(
      org.hyperledger.fabric.protos.common.SignaturePolicy policy, List<MSPPrincipal> principals) {
    switch (policy.getTypeCase()) {
      case SIGNED_BY -> {
        int index = policy.getSignedBy();
        if (index < 0 || index >= principals.size()) {
          throw new PolicyException(
              "identity index out of range, requested "
                  + index
                  + ", but identities length is "
                  + principals.size());
        }
        MSPPrincipal principal = principals.get(index);
        return (identities, used) -> {
          for (int i = 0; i < identities.size(); i++) {
            if (!used[i] && msps.satisfies(identities.get(i), principal)) {
              used[i] = true;
              return true;
            }
          }
          return false;
        };
      }
      case N_OUT_OF -> {
        int n = policy.getNOutOf().getN();
        List<Rule> rules = new ArrayList<>();
        for (var sub : policy.getNOutOf().getRulesList()) {
          rules.add(compile(sub, principals));
        }
        return (identities, used) -> {
          int verified = 0;
          boolean[] attempt = new boolean[used.length];
          for (Rule sub : rules) {
            System.arraycopy(used, 0, attempt, 0, used.length);
            if (sub.evaluate(identities, attempt)) {
              verified++;
              System.arraycopy(attempt, 0, used, 0, used.length);
            }
          }
          return verified >= n;
        };
      }
      default -> throw new PolicyException("Empty policy element");
    }
  }
}
