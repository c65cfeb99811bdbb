package dev.weft.peer.policy;

import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.Msps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signatures a policy is evaluated against. As in Fabric, only the identities that deserialise
 * and whose signature verifies count, each identity once (a repeated identity is skipped before its
 * signature is checked, so that repeats cost nothing). Identities are not validated here: roles do
 * that.
 *
 * <p>The verified identities are computed once per set of MSPs and kept, so that an implicit-meta
 * policy over several organisations verifies each signature once, where Fabric verifies it once per
 * sub-policy.
 */
public final class SignatureSet {

  private final List<SignedData> signatures;
  private final Map<Msps, List<Identity>> verified = new ConcurrentHashMap<>();

  private SignatureSet(List<SignedData> signatures) {
    this.signatures = List.copyOf(signatures);
  }

  public static SignatureSet of(List<SignedData> signatures) {
    return new SignatureSet(signatures);
  }

  public static SignatureSet of(SignedData signature) {
    return new SignatureSet(List.of(signature));
  }

  public List<SignedData> signatures() {
    return signatures;
  }

  /** The distinct identities, deserialised by {@code msps}, whose signatures verify, in order. */
  public List<Identity> verifiedIdentities(Msps msps) {
    return verified.computeIfAbsent(msps, this::verify);
  }

  private List<Identity> verify(Msps msps) {
    List<Identity> identities = new ArrayList<>(signatures.size());
    Set<String> seen = new HashSet<>();
    for (SignedData signature : signatures) {
      Identity identity;
      try {
        identity = msps.deserialize(signature.identity());
      } catch (MspException e) {
        continue;
      }
      String key = identity.mspId() + identity.id();
      if (seen.contains(key)) {
        continue;
      }
      if (identity.verify(signature.data().toByteArray(), signature.signature().toByteArray())) {
        seen.add(key);
        identities.add(identity);
      }
    }
    return List.copyOf(identities);
  }
}
