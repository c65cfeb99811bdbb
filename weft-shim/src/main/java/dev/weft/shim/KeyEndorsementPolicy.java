package dev.weft.shim;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * A key-level endorsement policy ("state-based endorsement"): every listed organisation must
 * endorse a change of the key, each with a member of the given role. Its bytes go to {@link
 * ChaincodeStub#setStateValidationParameter}; the encoding is the one Fabric's shims produce
 * (principals sorted by MSP id, one signature from each).
 *
 * <p>Immutable: each change returns a new policy.
 */
public final class KeyEndorsementPolicy {

  /** The role an organisation's endorser must have. */
  public enum Role {
    MEMBER(MSPRole.MSPRoleType.MEMBER),
    PEER(MSPRole.MSPRoleType.PEER),
    ADMIN(MSPRole.MSPRoleType.ADMIN),
    CLIENT(MSPRole.MSPRoleType.CLIENT);

    private final MSPRole.MSPRoleType protoRole;

    Role(MSPRole.MSPRoleType protoRole) {
      this.protoRole = protoRole;
    }

    static Role of(MSPRole.MSPRoleType protoRole) {
      for (Role role : values()) {
        if (role.protoRole == protoRole) {
          return role;
        }
      }
      throw new IllegalArgumentException("unsupported MSP role " + protoRole);
    }
  }

  private final SortedMap<String, Role> orgs;

  private KeyEndorsementPolicy(SortedMap<String, Role> orgs) {
    this.orgs = Collections.unmodifiableSortedMap(orgs);
  }

  /** A policy with no organisations yet. */
  public static KeyEndorsementPolicy empty() {
    return new KeyEndorsementPolicy(new TreeMap<>());
  }

  /**
   * Reads a policy as stored in a key's metadata (empty bytes: no policy). Only policies of this
   * form (role principals, all required) are understood, as in Fabric's shims.
   */
  public static KeyEndorsementPolicy parse(byte[] policy) {
    if (policy == null || policy.length == 0) {
      return empty();
    }
    SignaturePolicyEnvelope envelope;
    try {
      envelope = SignaturePolicyEnvelope.parseFrom(policy);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a SignaturePolicyEnvelope: " + e.getMessage(), e);
    }
    SortedMap<String, Role> orgs = new TreeMap<>();
    for (MSPPrincipal principal : envelope.getIdentitiesList()) {
      if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
        throw new IllegalArgumentException(
            "a key-level policy names organisations by role, found a "
                + principal.getPrincipalClassification()
                + " principal");
      }
      try {
        MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
        orgs.put(role.getMspIdentifier(), Role.of(role.getRole()));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("not an MSPRole: " + e.getMessage(), e);
      }
    }
    return new KeyEndorsementPolicy(orgs);
  }

  /** This policy with {@code mspIds} added (or their role replaced). */
  public KeyEndorsementPolicy withOrgs(Role role, String... mspIds) {
    SortedMap<String, Role> changed = new TreeMap<>(orgs);
    for (String mspId : mspIds) {
      if (mspId == null || mspId.isEmpty()) {
        throw new IllegalArgumentException("an MSP id must not be empty");
      }
      changed.put(mspId, role);
    }
    return new KeyEndorsementPolicy(changed);
  }

  /** This policy without {@code mspIds}. */
  public KeyEndorsementPolicy withoutOrgs(String... mspIds) {
    SortedMap<String, Role> changed = new TreeMap<>(orgs);
    for (String mspId : mspIds) {
      changed.remove(mspId);
    }
    return new KeyEndorsementPolicy(changed);
  }

  /** The organisations and the role each must endorse with, sorted by MSP id. */
  public Map<String, Role> orgs() {
    return orgs;
  }

  /** The policy's bytes: a {@code SignaturePolicyEnvelope} requiring every organisation. */
  public byte[] toBytes() {
    SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder().setVersion(0);
    SignaturePolicy.NOutOf.Builder all = SignaturePolicy.NOutOf.newBuilder().setN(orgs.size());
    int index = 0;
    for (Map.Entry<String, Role> org : orgs.entrySet()) {
      envelope.addIdentities(
          MSPPrincipal.newBuilder()
              .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
              .setPrincipal(
                  MSPRole.newBuilder()
                      .setMspIdentifier(org.getKey())
                      .setRole(org.getValue().protoRole)
                      .build()
                      .toByteString()));
      all.addRules(SignaturePolicy.newBuilder().setSignedBy(index++));
    }
    return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(all)).build().toByteArray();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyEndorsementPolicy that && orgs.equals(that.orgs);
  }

  @Override
  public int hashCode() {
    return orgs.hashCode();
  }

  @Override
  public String toString() {
    return "KeyEndorsementPolicy" + orgs;
  }
}
