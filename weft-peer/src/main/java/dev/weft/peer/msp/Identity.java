package dev.weft.peer.msp;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An X.509 identity of an organisation: its MSP id, its certificate, and the certificate's P-256
 * public key, decoded once. Immutable; whether the identity is valid for its MSP is the MSP's
 * question ({@link Msp#validate}).
 */
public final class Identity {

  private final String mspId;
  private final X509Certificate certificate;
  private final byte[] certificateDer;
  private final ByteString serialized;
  private final ECPublicKeyParameters publicKey;
  private final List<String> organizationalUnits;
  private final String id;

  private Identity(
      String mspId, X509Certificate certificate, byte[] certificateDer, ByteString serialized) {
    this.mspId = mspId;
    this.certificate = certificate;
    this.certificateDer = certificateDer;
    this.serialized = serialized;
    this.publicKey = p256Key(certificate, mspId);
    this.organizationalUnits = organizationalUnits(certificate);
    this.id = HexFormat.of().formatHex(Ecdsa.sha256(certificateDer));
  }

  /** The identity a {@code SerializedIdentity} names: the first PEM block of id_bytes. */
  public static Identity fromSerialized(ByteString serializedIdentity) {
    SerializedIdentity sid;
    try {
      sid = SerializedIdentity.parseFrom(serializedIdentity);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new MspException("could not deserialize a SerializedIdentity", e);
    }
    List<Pem.Block> blocks = Pem.decodeAll(sid.getIdBytes().toByteArray());
    if (blocks.isEmpty()) {
      throw new MspException(
          "could not decode pem bytes: the identity of MSP " + sid.getMspid() + " has no PEM");
    }
    byte[] der = CanonicalCertificate.of(blocks.get(0).der());
    return new Identity(sid.getMspid(), parseCertificate(der), der, serializedIdentity);
  }

  /** The identity of a PEM certificate in an MSP, serialized as Fabric does. */
  public static Identity fromPem(String mspId, byte[] certificatePem) {
    return fromSerialized(
        SerializedIdentity.newBuilder()
            .setMspid(mspId)
            .setIdBytes(ByteString.copyFrom(certificatePem))
            .build()
            .toByteString());
  }

  /** Parses a DER X.509 certificate. */
  static X509Certificate parseCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw new MspException("failed to parse x509 certificate: " + e.getMessage(), e);
    }
  }

  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new MspException("cannot encode certificate", e);
    }
  }

  public String mspId() {
    return mspId;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's DER bytes (a copy). */
  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  boolean sameCertificate(byte[] der) {
    return java.util.Arrays.equals(certificateDer, der);
  }

  /** The marshalled {@code SerializedIdentity}, as it appears in headers and endorsements. */
  public ByteString serialized() {
    return serialized;
  }

  /** Hex SHA-256 of the certificate, Fabric's identifier of an X.509 identity inside its MSP. */
  public String id() {
    return id;
  }

  /** The OU values of the certificate's subject, in order. */
  public List<String> organizationalUnits() {
    return organizationalUnits;
  }

  /** When the certificate stops being valid. */
  public Instant expiresAt() {
    return certificate.getNotAfter().toInstant();
  }

  /** The decoded public key. */
  public ECPublicKeyParameters publicKey() {
    return publicKey;
  }

  /** Whether {@code signature} is this identity's low-S ECDSA signature of {@code data}. */
  public boolean verify(byte[] data, byte[] signature) {
    return Ecdsa.verify(publicKey, data, signature);
  }

  @Override
  public String toString() {
    return mspId + ":" + certificate.getSubjectX500Principal().getName();
  }

  private static ECPublicKeyParameters p256Key(X509Certificate certificate, String mspId) {
    SubjectPublicKeyInfo info =
        SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
    ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
        || !SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters())) {
      throw new MspException(
          "the certificate of "
              + certificate.getSubjectX500Principal().getName()
              + " in MSP "
              + mspId
              + " does not have an ECDSA P-256 key; only ECDSA P-256 is supported");
    }
    try {
      return new ECPublicKeyParameters(
          Ecdsa.P256.getCurve().decodePoint(info.getPublicKeyData().getOctets()).normalize(),
          Ecdsa.P256);
    } catch (IllegalArgumentException e) {
      throw new MspException("the certificate's public key is not a point on P-256", e);
    }
  }

  private static List<String> organizationalUnits(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<String> units = new ArrayList<>();
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        if (value.getType().equals(BCStyle.OU)) {
          units.add(
              value.getValue() instanceof ASN1String text
                  ? text.getString()
                  : IETFUtils.valueToString(value.getValue()));
        }
      }
    }
    return List.copyOf(units);
  }
}
