package dev.weft.peer.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The MSPs of a channel (or the peer's local one), by MSP id: deserialises an identity with the MSP
 * it names and answers principal checks with that MSP.
 */
public final class Msps {

  private final Map<String, Msp> byId;

  public Msps(Collection<Msp> msps) {
    Map<String, Msp> map = new LinkedHashMap<>();
    for (Msp msp : msps) {
      if (map.putIfAbsent(msp.id(), msp) != null) {
        throw new MspException("MSP " + msp.id() + " is defined twice");
      }
    }
    this.byId = Map.copyOf(map);
  }

  /** The MSP with this id, if there is one. */
  public Optional<Msp> get(String mspId) {
    return Optional.ofNullable(byId.get(mspId));
  }

  public Collection<Msp> all() {
    return byId.values();
  }

  /**
   * The identity of a marshalled {@code SerializedIdentity}, by the MSP it names.
   *
   * @throws MspException if it is malformed or its MSP is unknown
   */
  public Identity deserialize(ByteString serializedIdentity) {
    SerializedIdentity sid;
    try {
      sid = SerializedIdentity.parseFrom(serializedIdentity);
    } catch (InvalidProtocolBufferException e) {
      throw new MspException("could not deserialize a SerializedIdentity", e);
    }
    Msp msp = byId.get(sid.getMspid());
    if (msp == null) {
      throw new MspException("MSP " + sid.getMspid() + " is not defined on channel");
    }
    return msp.deserialize(serializedIdentity);
  }

  /** Throws an {@link MspException} if the identity is not valid in its MSP. */
  public void validate(Identity identity) {
    mspOf(identity).validate(identity);
  }

  /** Whether the identity satisfies the principal, judged by the identity's own MSP. */
  public boolean satisfies(Identity identity, MSPPrincipal principal) {
    Msp msp = byId.get(identity.mspId());
    return msp != null && msp.satisfies(identity, principal);
  }

  private Msp mspOf(Identity identity) {
    Msp msp = byId.get(identity.mspId());
    if (msp == null) {
      throw new MspException("MSP " + identity.mspId() + " is not defined on channel");
    }
    return msp;
  }
}
