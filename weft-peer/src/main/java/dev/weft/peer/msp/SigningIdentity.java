package dev.weft.peer.msp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** An identity with its private key: the peer's own identity, or a client's in tests. */
public final class SigningIdentity {

  private final Identity identity;
  private final ECPrivateKeyParameters privateKey;

  /**
   * @throws MspException if the key is not the P-256 private key of the identity's certificate
   */
  public SigningIdentity(Identity identity, ECPrivateKeyParameters privateKey) {
    ECPoint derived =
        new FixedPointCombMultiplier().multiply(Ecdsa.P256.getG(), privateKey.getD()).normalize();
    if (!derived.equals(identity.publicKey().getQ())) {
      throw new MspException("the private key does not belong to the certificate of " + identity);
    }
    this.identity = identity;
    this.privateKey = privateKey;
  }

  /**
   * Loads the signing identity of a local MSP folder: the certificate in {@code signcerts} and the
   * matching private key in {@code keystore} (any file there holding a PKCS#8 or SEC1 PEM key;
   * files that hold none are skipped, as Fabric's key store skips them). An expired certificate is
   * refused, as Fabric refuses to start with one.
   */
  public static SigningIdentity load(Path mspDirectory, String mspId) {
    return load(mspDirectory, mspId, Clock.systemUTC());
  }

  /** {@link #load(Path, String)} with the clock that judges expiry. */
  public static SigningIdentity load(Path mspDirectory, String mspId, Clock clock) {
    Path signcerts = mspDirectory.resolve("signcerts");
    List<Path> certs = MspFolder.files(signcerts);
    if (certs.isEmpty()) {
      throw new MspException("no signing certificate found in " + signcerts);
    }
    Identity identity = Identity.fromPem(mspId, MspFolder.read(certs.get(0)));
    Instant now = clock.instant();
    if (now.isAfter(identity.expiresAt())) {
      throw new MspException(
          "signing identity expired "
              + Duration.between(identity.expiresAt(), now).truncatedTo(ChronoUnit.SECONDS)
              + " ago: "
              + certs.get(0));
    }
    Path keystore = mspDirectory.resolve("keystore");
    for (Path keyFile : MspFolder.files(keystore)) {
      ECPrivateKeyParameters key;
      try {
        key = privateKey(MspFolder.read(keyFile), keyFile);
      } catch (MspException unreadable) {
        continue;
      }
      if (key != null && matches(identity, key)) {
        return new SigningIdentity(identity, key);
      }
    }
    throw new MspException(
        "no private key in " + keystore + " matches the certificate " + certs.get(0));
  }

  /** Decodes a PEM private key (PKCS#8 {@code PRIVATE KEY}, or {@code EC PRIVATE KEY}). */
  public static ECPrivateKeyParameters privateKey(byte[] pem, Path source) {
    for (Pem.Block block : Pem.decodeAll(pem)) {
      if (!block.label().endsWith("PRIVATE KEY")) {
        continue;
      }
      try {
        AsymmetricKeyParameter key;
        try {
          key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(block.der()));
        } catch (IllegalArgumentException notPkcs8) {
          key = PrivateKeyFactory.createKey(sec1AsPkcs8(block.der()));
        }
        if (key instanceof ECPrivateKeyParameters ec) {
          return new ECPrivateKeyParameters(ec.getD(), Ecdsa.P256);
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new MspException("cannot decode the private key in " + source, e);
      }
    }
    return null;
  }

  public Identity identity() {
    return identity;
  }

  public String mspId() {
    return identity.mspId();
  }

  /** The marshalled {@code SerializedIdentity} of this identity. */
  public com.google.protobuf.ByteString serialized() {
    return identity.serialized();
  }

  /** Signs {@code data} as Fabric does: ECDSA over SHA-256, DER, low-S. */
  public byte[] sign(byte[] data) {
    return Ecdsa.sign(privateKey, data);
  }

  /** The private key, for writing it out (crypto material generation). */
  ECPrivateKeyParameters privateKey() {
    return privateKey;
  }

  private static boolean matches(Identity identity, ECPrivateKeyParameters key) {
    return new FixedPointCombMultiplier()
        .multiply(Ecdsa.P256.getG(), key.getD())
        .normalize()
        .equals(identity.publicKey().getQ());
  }

  private static PrivateKeyInfo sec1AsPkcs8(byte[] sec1) throws IOException {
    org.bouncycastle.asn1.sec.ECPrivateKey key =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1);
    return new PrivateKeyInfo(
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1),
        key);
  }
}
