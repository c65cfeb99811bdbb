package dev.weft.peer.msp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on P-256 with SHA-256, as Fabric signs and verifies: signatures are DER-encoded {@code
 * SEQUENCE {r, s}} and canonical ("low-S", {@code s <= n/2}); a signature with a high S is
 * rejected, because accepting both {@code (r, s)} and {@code (r, n - s)} would make transactions
 * malleable.
 *
 * <p>BouncyCastle's lightweight signer is used because it is several times faster than the JDK 17
 * provider (see floors.md); keys are the decoded BouncyCastle parameters, so callers decode a
 * public key once and keep it.
 */
public final class Ecdsa {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

  /** P-256, with its name so that encoded keys carry the named-curve OID, as Fabric expects. */
  public static final ECDomainParameters P256 =
      new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, CURVE);

  private static final BigInteger HALF_ORDER = P256.getN().shiftRight(1);

  private Ecdsa() {}

  /** SHA-256 of {@code data}. */
  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Signs SHA-256({@code data}); the signature is DER and low-S. */
  public static byte[] sign(ECPrivateKeyParameters key, byte[] data) {
    return signDigest(key, sha256(data));
  }

  /** Signs a SHA-256 digest; the signature is DER and low-S. */
  public static byte[] signDigest(ECPrivateKeyParameters key, byte[] digest) {
    // Deterministic k (RFC 6979): no entropy needed per signature, and no risk of a weak k.
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, key);
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? P256.getN().subtract(rs[1]) : rs[1];
    return encode(rs[0], s);
  }

  /**
   * Whether {@code signature} is a valid low-S DER signature of SHA-256({@code data}) by {@code
   * key}. Malformed and high-S signatures are not valid.
   */
  public static boolean verify(ECPublicKeyParameters key, byte[] data, byte[] signature) {
    BigInteger[] rs = decode(signature);
    if (rs == null || rs[1].compareTo(HALF_ORDER) > 0) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(sha256(data), rs[0], rs[1]);
  }

  /** Whether a DER signature's S is at most half the curve order; false if malformed. */
  public static boolean isLowS(byte[] signature) {
    BigInteger[] rs = decode(signature);
    return rs != null && rs[1].compareTo(HALF_ORDER) <= 0;
  }

  /** The DER encoding of {@code SEQUENCE {r, s}}. */
  static byte[] encode(BigInteger r, BigInteger s) {
    ASN1EncodableVector v = new ASN1EncodableVector(2);
    v.add(new ASN1Integer(r));
    v.add(new ASN1Integer(s));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a signature", e);
    }
  }

  /**
   * {r, s} of a signature with both in [1, n-1], or null if it is not one. Parsed as Go's {@code
   * encoding/asn1} parses it for Fabric: the signature must begin with the strict DER encoding of
   * {@code SEQUENCE {r, s}} (no BER lengths, no padded integers), and bytes after it are ignored.
   * Peers must agree on which signatures are valid, so Weft accepts exactly what Fabric accepts.
   */
  static BigInteger[] decode(byte[] signature) {
    try (ASN1InputStream in = new ASN1InputStream(signature)) {
      ASN1Primitive primitive = in.readObject();
      if (!(primitive instanceof ASN1Sequence seq) || seq.size() != 2) {
        return null;
      }
      byte[] der = primitive.getEncoded(ASN1Encoding.DER);
      if (der.length > signature.length
          || !Arrays.equals(der, 0, der.length, signature, 0, der.length)) {
        return null;
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      BigInteger n = P256.getN();
      if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
        return null;
      }
      return new BigInteger[] {r, s};
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return null;
    }
  }
}
